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

  el('telnet-hint').textContent = `telnet ${location.hostname} ${config.textPort || 8282}`;

  function connect() {
    socket = new WebSocket(wsUrl);
    socket.onopen = () => {
      retryDelay = 1000;
      setStatus('online', true);
      if (wanted) {
        send({ type: 'login', name: wanted.name, room: wanted.room });
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
    };
    socket.onclose = () => {
      me = null;            // the server forgot us with the connection; we log in again on reconnect
      setStatus(`reconnecting in ${retryDelay / 1000} s…`, false);
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

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
      send({ type: 'login', name: me, room: name });
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
    send({ type: 'login', name: wanted.name, room: wanted.room });
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
