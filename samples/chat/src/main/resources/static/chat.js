// The chat page: one WebSocket to the gateway, JSON both ways (see ChatHandler and ChatEvent for the protocol).
(() => {
  'use strict';

  const config = window.chatConfig || {};
  const el = (id) => document.getElementById(id);
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:${config.websocketPort || 7272}/`;

  let socket = null;
  let wanted = null;      // {name, room} the user asked for; sent again after a reconnect
  let me = null;          // our nickname once the server confirmed it
  let room = null;
  let target = null;      // nickname a private message goes to
  let retryDelay = 1000;
  let offline = false;    // the browser said the network is gone: no reconnect until it says it is back

  // The last position seen per room ({offset, epoch} of the room's events), kept across reloads of this tab: a page
  // that comes back logs in with it and is shown what it missed, exactly once and in order.
  function positions() {
    return JSON.parse(sessionStorage.getItem('chat.positions') || '{}');
  }

  function remember(event) {
    if (event.room && Number.isInteger(event.offset) && event.epoch) {
      const all = positions();
      all[event.room] = { offset: event.offset, epoch: event.epoch };
      sessionStorage.setItem('chat.positions', JSON.stringify(all));
    }
  }

  function login(name, roomName, resume) {
    const request = { type: 'login', name, room: roomName };
    const since = resume ? positions()[roomName] : undefined;
    if (since) {
      request.since = since;
    }
    send(request);
  }

  el('telnet-hint').textContent = `telnet ${location.hostname} ${config.textPort || 8282}`;

  function connect() {
    socket = new WebSocket(wsUrl);
    socket.onopen = () => {
      retryDelay = 1000;
      setStatus('online', true);
      if (wanted) {
        login(wanted.name, wanted.room, true);
      }
    };
    socket.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      (handlers[event.type] || (() => {}))(event);
      remember(event);
    };
    socket.onclose = () => {
      me = null;            // the server forgot us with the connection; we log in again on reconnect
      if (offline) {
        setStatus('offline', false);
        return;
      }
      setStatus(`reconnecting in ${retryDelay / 1000} s…`, false);
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

  // A laptop going to sleep or a network that drops: stop at once, come back when the browser is online again.
  window.addEventListener('offline', () => {
    offline = true;
    if (socket) {
      socket.close();
    }
  });
  window.addEventListener('online', () => {
    if (offline) {
      offline = false;
      retryDelay = 1000;
      connect();
    }
  });

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  const handlers = {
    // The server's heartbeat: any message proves we are alive, pong says what it is.
    ping: () => send({ type: 'pong' }),

    join: (event) => {
      if (event.name === wanted?.name) {
        me = event.name;
        room = event.room;
        showChat();
        system(`You are in ${room}.`);
      } else {
        system(`${event.name} joined.`);
      }
      showUsers(event.users);
      send({ type: 'rooms' });
    },

    leave: (event) => {
      if (event.name !== me) {
        system(`${event.name} left.`);
      }
      if (event.room === room) {
        showUsers(event.users);
      }
      send({ type: 'rooms' });
    },

    say: (event) => {
      const item = line('message');
      if (event.to) {
        item.classList.add('private');
      }
      item.append(span('time', new Date().toLocaleTimeString()),
        span('from', event.to ? `${event.from} → ${event.to}` : event.from),
        span('text', event.text));
      append(item);
    },

    online: (event) => showUsers(event.users),

    // Back after a lost connection: the missed events came just before; when some are no longer kept, say so.
    resumed: (event) => {
      if (!event.recovered) {
        const item = line('gap');
        item.textContent = 'Some messages sent while you were away are no longer available.';
        append(item);
      }
    },

    rooms: (event) => {
      const list = el('rooms');
      list.replaceChildren();
      for (const [name, count] of Object.entries(event.rooms)) {
        const item = document.createElement('li');
        item.textContent = `${name} (${count})`;
        item.dataset.room = name;
        if (name === room) {
          item.classList.add('current');
        }
        item.onclick = () => switchRoom(name);
        list.append(item);
      }
    },

    error: (event) => {
      if (me) {
        const item = line('error');
        item.textContent = event.text;
        append(item);
      } else {
        wanted = null;
        el('login-error').textContent = event.text;
        el('login-error').hidden = false;
        showLogin();
      }
    },
  };

  function showUsers(users) {
    el('online-count').textContent = users.length;
    const list = el('users');
    list.replaceChildren();
    for (const name of users) {
      const item = document.createElement('li');
      item.textContent = name === me ? `${name} (you)` : name;
      item.dataset.name = name;
      if (name === me) {
        item.classList.add('me');
      } else {
        item.onclick = () => setTarget(name);
      }
      list.append(item);
    }
  }

  function setTarget(name) {
    target = name;
    const chip = el('private-target');
    chip.textContent = name ? `to ${name} ×` : '';
    chip.hidden = !name;
    el('text').focus();
  }

  function switchRoom(name) {
    if (name && name !== room) {
      wanted = { name: me, room: name };
      el('messages').replaceChildren();
      login(me, name, false);
    }
  }

  function showChat() {
    el('login').hidden = true;
    el('chat').hidden = false;
    el('leave').hidden = false;
    el('room-title').textContent = `# ${room}`;
    el('text').focus();
  }

  function showLogin() {
    el('chat').hidden = true;
    el('leave').hidden = true;
    el('login').hidden = false;
    el('room-title').textContent = '';
  }

  function setStatus(text, online) {
    el('status').textContent = text;
    el('status').classList.toggle('online', online);
  }

  function line(kind) {
    const item = document.createElement('li');
    item.className = kind;
    return item;
  }

  function span(kind, text) {
    const part = document.createElement('span');
    part.className = kind;
    part.textContent = text;
    return part;
  }

  function system(text) {
    const item = line('system');
    item.textContent = text;
    append(item);
  }

  function append(item) {
    const list = el('messages');
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  el('login-form').onsubmit = (submit) => {
    submit.preventDefault();
    el('login-error').hidden = true;
    wanted = { name: el('name').value.trim(), room: el('room').value.trim() || 'lobby' };
    login(wanted.name, wanted.room, true);      // after a reload: what was missed in the room meanwhile
  };

  el('say-form').onsubmit = (submit) => {
    submit.preventDefault();
    const text = el('text').value.trim();
    if (text) {
      send(target ? { type: 'say', text, to: target } : { type: 'say', text });
      el('text').value = '';
    }
  };

  el('private-target').onclick = () => setTarget(null);

  el('room-form').onsubmit = (submit) => {
    submit.preventDefault();
    switchRoom(el('new-room').value.trim());
    el('new-room').value = '';
  };

  el('leave').onclick = () => {
    send({ type: 'logout' });
    wanted = null;
    me = null;
    room = null;
    setTarget(null);
    el('messages').replaceChildren();
    showLogin();
  };

  connect();
})();
