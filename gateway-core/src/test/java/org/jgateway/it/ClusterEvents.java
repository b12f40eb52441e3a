package org.jgateway.it;

/** The recording handler of a cluster's first worker. */
final class ClusterEvents {

    private ClusterEvents() {
    }

    static RecordingEvents of(TestCluster cluster) {
        return cluster.recordings.get(0);
    }
}
