package org.jgateway.samples.reference.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown file as the documentation checks see it: its lines, the anchors its headings get on GitHub, the links
 * of its prose (outside code blocks and code spans) and its fenced code blocks.
 */
final class MarkdownFile {

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern AUTOLINK = Pattern.compile("<([a-z]+://[^>\\s]+)>");

    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** A link target and the 1-based line it is on. */
    record Link(String target, int line) {
    }

    /** A fenced code block: its info string's language, its text, and the 1-based line of its first content line. */
    record CodeBlock(String language, String text, int firstLine) {
    }

    private final Path path;
    private final List<String> lines;
    private final Set<String> anchors = new LinkedHashSet<>();
    private final List<Link> links = new ArrayList<>();
    private final List<CodeBlock> codeBlocks = new ArrayList<>();

    private MarkdownFile(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
        parse();
    }

    static MarkdownFile read(Path path) {
        try {
            return new MarkdownFile(path, Files.readAllLines(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    List<String> lines() {
        return lines;
    }

    Set<String> anchors() {
        return anchors;
    }

    List<Link> links() {
        return links;
    }

    List<CodeBlock> codeBlocks() {
        return codeBlocks;
    }

    private void parse() {
        Map<String, Integer> headingCounts = new HashMap<>();
        String fence = null;
        String language = null;
        StringBuilder block = null;
        int blockStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                language = trimmed.substring(3).strip().toLowerCase(Locale.ROOT);
                block = new StringBuilder();
                blockStart = i + 2;
                continue;
            }
            if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    codeBlocks.add(new CodeBlock(language, block.toString(), blockStart));
                    fence = null;
                } else {
                    // Blocks indented inside list items keep their YAML structure once the common indent is gone.
                    block.append(line).append('\n');
                }
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int seen = headingCounts.merge(slug, 1, Integer::sum) - 1;
                anchors.add(seen == 0 ? slug : slug + "-" + seen);
            }
            String prose = CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length()));
            for (Pattern pattern : List.of(LINK, AUTOLINK)) {
                Matcher link = pattern.matcher(prose);
                while (link.find()) {
                    links.add(new Link(link.group(1), i + 1));
                }
            }
        }
    }

    /** The anchor GitHub gives a heading: lower case, punctuation removed, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
