/* Editing pages: draft autosave, preview, live personal-data check, @mentions, reply/quote.
 * An enhancement only: without it every form works (its buttons do the same on the server).
 * No library, no inline code (CSP script-src 'self'); user text only through textContent. */
(() => {
  'use strict';
  const PREFIX = 'forum-brouillon:', MAX_AGE = 14 * 864e5;   // drafts are forgotten after two weeks
  const L = 'A-Za-zÀ-ÖØ-öø-ÿŒœ';
  const MENTION = new RegExp(`(?:^|[\\s(«"'])@([${L}]{2}[${L}'’-]*(?: [${L}'’-]*)?)$`);
  const $ = (root, sel) => root.querySelector(sel), $$ = sel => document.querySelectorAll(sel);
  const on = (target, type, fn, capture) => target.addEventListener(type, fn, capture);
  const attrs = (node, values) => { Object.entries(values).forEach(([k, v]) => node.setAttribute(k, v)); return node; };
  const noop = () => {};
  let uid = 0;

  const debounce = (fn, ms) => {
    let timer = null;
    const run = (...args) => { clearTimeout(timer); timer = setTimeout(() => { timer = null; fn(...args); }, ms); };
    run.cancel = () => { clearTimeout(timer); timer = null; };
    run.flush = () => { if (timer) { run.cancel(); fn(); } };
    return run;
  };
  const el = (tag, values, text) => {
    const node = attrs(document.createElement(tag), values || {});
    if (text) node.textContent = text;
    return node;
  };
  const fire = field => field.dispatchEvent(new Event('input', { bubbles: true }));
  const api = async (url, payload) => {
    const meta = $(document, 'meta[name="csrf-token"]');
    const response = await fetch(url, { method: payload ? 'POST' : 'GET', credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRFToken': meta ? meta.content : '' },
      body: payload ? JSON.stringify(payload) : undefined });
    if (!response.ok || !/json/.test(response.headers.get('Content-Type'))) throw new Error(response.status);
    return response.json();
  };

  /* Drafts. localStorage may be missing or refuse (private mode, quota): then nothing happens. */
  const store = (() => {
    try { localStorage.setItem(PREFIX, '1'); localStorage.removeItem(PREFIX); return localStorage; } catch (e) { return null; }
  })();
  const readDraft = key => {
    try { const d = JSON.parse(store.getItem(PREFIX + key)); return d && d.fields ? d : null; } catch (e) { return null; }
  };
  const writeDraft = (key, draft) => { try { store.setItem(PREFIX + key, JSON.stringify(draft)); } catch (e) { /* full */ } };
  const dropDraft = key => { try { store.removeItem(PREFIX + key); } catch (e) { /* refused */ } };

  function tidyDrafts() {
    // Drafts a successful publication made useless (named by the server); then ?publie=1 goes,
    // so that reloading the page later does not erase a newer draft.
    let cleared = false;
    $$('[data-clear-draft]').forEach(node => node.getAttribute('data-clear-draft')
      .split(/\s+/).filter(Boolean).forEach(key => { dropDraft(key); cleared = true; }));
    const url = new URL(location.href), params = ['publie', 'modifie'].filter(p => url.searchParams.has(p));
    if (cleared && params.length) {
      params.forEach(p => url.searchParams.delete(p));
      history.replaceState(history.state, '', url.href);
    }
    try {
      for (let i = store.length - 1; i >= 0; i--) {
        const name = store.key(i) || '', d = name.startsWith(PREFIX) && readDraft(name.slice(PREFIX.length));
        if (d === null || (d && !(Date.now() - d.savedAt < MAX_AGE))) store.removeItem(name);
      }
    } catch (e) { /* refused */ }
  }

  // Saved: text inputs, textareas, selects, radios; of the hidden inputs only reply_to.
  const draftFields = form => Array.from(form.elements).filter(f => f.name && !f.disabled && f.name !== 'csrf_token' && (
    /^(TEXTAREA|SELECT)$/.test(f.tagName) ||
    (f.tagName === 'INPUT' && (f.type === 'hidden' ? f.name === 'reply_to' : /^(text|search|email|url|tel|number|radio)$/.test(f.type)))));
  const isText = f => f.tagName === 'TEXTAREA' || (f.tagName === 'INPUT' && !/^(radio|hidden)$/.test(f.type));
  const collect = form => {
    const values = {};
    draftFields(form).forEach(f => { if (f.type !== 'radio' || f.checked) values[f.name] = f.value; });
    return values;
  };
  const pristine = form => draftFields(form).every(f => f.type === 'radio' ? f.checked === f.defaultChecked
    : f.tagName === 'SELECT' ? Array.from(f.options).every(o => o.selected === o.defaultSelected) : f.value === f.defaultValue);
  const same = (a, b) => Object.keys(a).concat(Object.keys(b)).every(k => (a[k] || '') === (b[k] || ''));
  const apply = (form, values) => draftFields(form).forEach(f => {
    const v = values[f.name];
    if (v === undefined) return;
    if (f.type === 'radio') f.checked = f.value === v;
    else if (f.name === 'reply_to') f.value = f.value || v;   // the page's own target wins
    else if (f.tagName !== 'SELECT' || Array.from(f.options).some(o => o.value === v)) f.value = v;
  });
  const ago = savedAt => {
    const minutes = Math.floor((Date.now() - savedAt) / 6e4);
    return minutes < 1 ? 'il y a moins d’une minute' : minutes < 60 ? `il y a ${minutes} min`
      : minutes < 2880 ? `il y a ${Math.floor(minutes / 60)} h` : 'le ' + new Date(savedAt).toLocaleDateString('fr-FR');
  };

  function setupDrafts(ed) {
    const { form, body } = ed, key = form.getAttribute('data-draft-key');
    if (!store || !key) return;
    const owner = form.getAttribute('data-draft-owner') || '';   // optional: another account's draft is dropped
    const hasText = () => draftFields(form).some(f => isText(f) && f.value.trim());
    const keep = () => writeDraft(key, { savedAt: Date.now(), owner, fields: collect(form) });
    const save = ed.saveDraft = debounce(() => (pristine(form) || !hasText() ? dropDraft(key) : keep()), 800);
    on(form, 'input', save);
    on(form, 'change', save);
    on(window, 'pagehide', save.flush);
    on(document, 'visibilitychange', () => document.hidden && save.flush());
    on(form, 'submit', () => {   // then the server's answer (published, masked, shown again) counts
      save.flush();
      const d = readDraft(key);
      if (d) writeDraft(key, Object.assign(d, { submitted: true }));
    });

    const draft = readDraft(key);
    if (!draft) return;
    const reply = $(form, 'input[type="hidden"][name="reply_to"]'), replyDefault = reply ? reply.value : '';
    const filled = body && body.value.trim();
    if ((draft.owner || '') !== owner) return dropDraft(key);
    if (draft.submitted && filled) return hasText() ? keep() : dropDraft(key);
    if (filled && body.value !== body.defaultValue) return;   // the browser kept what was typed
    if (same(draft.fields, collect(form))) return dropDraft(key);
    delete draft.submitted;
    writeDraft(key, draft);
    apply(form, draft.fields);
    ed.showReplyTo();
    const notice = el('p', { class: 'flash flash-info draft-notice', role: 'status' }, `Brouillon restauré (enregistré ${ago(draft.savedAt)}). `);
    const clear = el('button', { type: 'button', class: 'link-button' }, 'Effacer le brouillon');
    on(clear, 'click', () => {
      save.cancel();
      dropDraft(key);
      form.reset();
      if (reply) reply.value = replyDefault;   // reset() leaves hidden inputs alone
      [ed.showReplyTo, ed.closeMentions, ed.checkPrivacy].forEach(f => f());
      notice.remove();
      if (body) body.focus();
    });
    notice.append(clear);
    form.prepend(notice);
    ed.checkPrivacy();
  }

  /* Preview. */
  function setupPreview(ed) {
    const { form, body } = ed;
    let target = form.nextElementSibling, busy = false;
    while (target && !target.matches('[data-preview-target]')) target = target.nextElementSibling;
    if (!target || !body) return;
    on(form, 'click', async event => {
      const button = event.target.closest('button[name="action"][value="apercu"]');
      if (!button || event.defaultPrevented) return;
      event.preventDefault();
      if (busy) return;
      busy = true;
      try {
        // Discussions link @mentions to profiles once published: the preview shows them so too.
        const data = await api(form.dataset.previewUrl, { text: body.value, mentions: form.hasAttribute('data-links-mentions') });
        const id = 'apercu-direct-' + (++uid), content = el('div', { class: 'post-body' });
        content.innerHTML = String(data.html || '');   // Markdown rendered and cleaned (bleach) by the server
        target.textContent = '';
        target.append(el('h2', { id }, 'Aperçu'), content);
        target.setAttribute('aria-labelledby', id);
        target.hidden = false;
        // A preview the server drew for an earlier submit is now stale.
        form.parentNode.querySelectorAll('.preview:not([data-preview-target])').forEach(old => { old.hidden = true; });
        if (Array.isArray(data.findings)) ed.showFindings(data.findings, data.findings.some(f => f.severity === 'block'));
        target.scrollIntoView({ block: 'nearest' });
      } catch (e) {
        // No answer: the page does it the JavaScript-less way (Safari < 16 lacks requestSubmit).
        if (form.requestSubmit) form.requestSubmit(button);
        else { form.append(el('input', { type: 'hidden', name: button.name, value: button.value })); form.submit(); }
      } finally {
        busy = false;
      }
    });
  }

  /* Live personal-data check. */
  function setupPrivacy(ed) {
    const live = $(ed.form, '[data-privacy-live]'), fields = [$(ed.form, 'input[name="title"]'), ed.body].filter(Boolean);
    if (!live) return;
    let last = null, seq = 0;
    ed.showFindings = (findings, blocked) => {
      live.textContent = '';
      if (!findings.length) return;
      const box = el('div', { class: `privacy-panel privacy-live ${blocked ? 'blocked' : 'warned'}` });
      const head = el('p'), list = el('ul', { class: 'findings' });
      head.append(el('strong', null, blocked ? 'Ce passage empêchera la publication' : 'Attention, une personne pourrait être reconnue'));
      findings.forEach(f => {
        const blocks = f.severity === 'block', item = el('li');
        item.append(el('mark', { class: blocks ? 'privacy-block' : 'privacy-warn' }, String(f.text)),
          ` : ${f.label}${blocks ? ' (bloquant)' : ''}`);
        list.append(item);
      });
      box.append(head, list);
      live.append(box);
    };
    const check = debounce(async () => {
      const text = fields.map(f => f.value).join('\n\n');
      if (text === last) return;
      last = text;
      const mine = ++seq;
      if (!text.trim()) return ed.showFindings([], false);
      try {
        const data = await api(ed.form.dataset.privacyUrl, { text });
        if (mine === seq && Array.isArray(data.findings)) ed.showFindings(data.findings, !!data.blocked);
      } catch (e) { /* the server checks again when publishing */ }
    }, 700);
    ed.checkPrivacy = () => { last = null; check(); };
    fields.forEach(f => on(f, 'input', check));
  }

  /* @mentions: a listbox under the textarea, which keeps the focus (aria-activedescendant). A textarea may not
     carry aria-expanded (nor the combobox role): the active option and the status line say the list is open. */
  function setupMentions(ed) {
    const area = ed.body;
    if (!area) return;
    const id = 'mentions-' + (++uid), cache = {};
    const list = el('ul', { id, role: 'listbox', class: 'mention-list', 'aria-label': 'Membres à mentionner' });
    const status = el('p', { class: 'visually-hidden', role: 'status' });
    let items = [], active = -1, wanted = '';
    list.hidden = true;
    area.after(list, status);
    attrs(area, { 'aria-autocomplete': 'list', 'aria-controls': id });

    const close = ed.closeMentions = () => {
      lookup.cancel();
      wanted = '';
      if (list.hidden) return;
      list.hidden = true;
      list.textContent = status.textContent = '';
      items = [];
      area.removeAttribute('aria-activedescendant');
    };
    const highlight = index => {
      active = index;
      items.forEach((node, i) => node.setAttribute('aria-selected', String(i === index)));
      area.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({ block: 'nearest' });
    };
    const lookup = debounce(async query => {
      try {
        const members = cache[query] || (cache[query] = (await api(ed.form.dataset.membersUrl + '?q=' + encodeURIComponent(query))).members || []);
        if (query !== wanted) return;
        list.textContent = '';
        items = members.map((m, i) => list.appendChild(
          el('li', { id: `${id}-${i}`, role: 'option', class: 'mention-option', 'aria-selected': 'false' }, String(m.name))));
        if (!items.length) return close();
        list.hidden = false;
        highlight(0);
        status.textContent = `${items.length} membre${items.length > 1 ? 's' : ''} : flèches pour choisir, Entrée pour insérer, Échap pour fermer.`;
      } catch (e) { close(); }
    }, 250);
    const typed = () => area.selectionStart === area.selectionEnd && MENTION.exec(area.value.slice(0, area.selectionStart));
    const detect = () => {
      const match = typed();
      if (!match) return close();
      const query = match[1].trim();
      if (query !== wanted) lookup(wanted = query);
    };
    const insert = index => {
      const match = typed(), caret = area.selectionStart, text = `@${items[index].textContent} `;
      close();
      if (!match) return;
      const from = caret - match[1].length - 1, at = from + text.length;
      area.value = area.value.slice(0, from) + text + area.value.slice(caret);
      area.focus();
      area.setSelectionRange(at, at);
      fire(area);
    };

    on(area, 'input', detect);
    on(area, 'click', detect);
    on(area, 'keyup', event => /^(Arrow(Left|Right)|Home|End|Page(Up|Down))$/.test(event.key) && detect());
    on(area, 'blur', () => setTimeout(() => document.activeElement !== area && close(), 150));
    on(area, 'keydown', event => {
      const key = event.key;
      if (list.hidden || !items.length || event.isComposing) return;
      if (key === 'ArrowDown' || key === 'ArrowUp') highlight((active + (key === 'ArrowDown' ? 1 : -1) + items.length) % items.length);
      else if ((key === 'Enter' || key === 'Tab') && !event.shiftKey) insert(active);
      else if (key === 'Escape') { event.stopPropagation(); close(); }
      else return;
      event.preventDefault();
    });
    on(list, 'mousedown', event => event.preventDefault());   // the focus stays in the textarea
    on(list, 'click', event => {
      const index = items.indexOf(event.target.closest('[role="option"]'));
      if (index >= 0) insert(index);
    });
  }

  /* « Répondre » and « Citer » on the topic page (elsewhere the links open the reply page). */
  function setupReplies(ed) {
    const { form, body } = ed, input = $(form, '[data-reply-to-input]'), line = $(form, '[data-replying-to]');
    if (!input || !body) return;
    let grabbed = null, touched = false;   // grabbed: the selection when the pointer went down on « Citer »

    ed.showReplyTo = () => {
      if (!line) return;
      line.textContent = '';
      line.hidden = !input.value;
      if (!input.value) return;
      const link = $(document, `a[data-reply-to="${CSS.escape(input.value)}"]`);
      const cancel = el('button', { type: 'button', class: 'link-button' }, 'Annuler');
      on(cancel, 'click', () => { replyTo(''); body.focus(); });
      line.append(link ? `En réponse à ${link.dataset.replyAuthor} ` : 'En réponse à un message de la discussion ', cancel);
    };
    const replyTo = postId => {
      input.value = postId;
      ed.showReplyTo();
      if (ed.saveDraft) ed.saveDraft();
    };
    const focusEditor = () => {
      body.scrollIntoView({ block: 'center' });
      body.focus({ preventScroll: true });
    };
    const postBody = postId => $(document, `#message-${CSS.escape(postId)} .post-body`);
    const selectedIn = box => {
      const selection = getSelection();
      if (!box || !selection.rangeCount || selection.isCollapsed) return '';
      const range = selection.getRangeAt(0).cloneRange(), whole = document.createRange();
      if (!range.intersectsNode(box)) return '';
      whole.selectNodeContents(box);
      if (range.compareBoundaryPoints(Range.START_TO_START, whole) < 0) range.setStart(box, 0);
      if (range.compareBoundaryPoints(Range.END_TO_END, whole) > 0) range.setEnd(box, box.childNodes.length);
      return range.toString().trim();
    };
    const insertQuote = text => {
      const lines = text.replace(/\r/g, '').split('\n').map(l => l.replace(/\s+$/, ''));
      const quote = lines.filter((l, i) => l || lines[i - 1]).map(l => (l ? '> ' + l : '>')).join('\n') + '\n\n';
      const value = body.value, at = touched ? body.selectionStart : value.length, before = value.slice(0, at);
      const lead = !before || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n', caret = at + lead.length + quote.length;
      body.value = before + lead + quote + value.slice(at);
      focusEditor();
      body.setSelectionRange(caret, caret);
      fire(body);
    };

    on(body, 'focus', () => { touched = true; });
    on(document, 'pointerdown', event => {   // touch screens drop the selection before « click »
      const link = event.target.closest && event.target.closest('a[data-quote]');
      if (link) grabbed = { id: link.dataset.quote, text: selectedIn(postBody(link.dataset.quote)) };
    }, true);
    on(document, 'click', event => {
      const link = event.target.closest('a[data-reply-to], a[data-quote]');
      if (!link || event.defaultPrevented || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      if (link.dataset.replyTo) {
        event.preventDefault();
        replyTo(link.dataset.replyTo);
        return focusEditor();
      }
      const postId = link.dataset.quote, box = postBody(postId);
      if (!box) return;
      event.preventDefault();
      let text = selectedIn(box) || (grabbed && grabbed.id === postId ? grabbed.text : '');
      grabbed = null;
      if (!text) {
        text = box.innerText.trim();
        if (text.length > 300) text = text.slice(0, 300).replace(/\s+\S*$/, '') + '…';
      }
      replyTo(postId);
      insertQuote(text);
    });
  }

  const start = () => {
    if (store) tidyDrafts();
    $$('form[data-editor]').forEach(form => {
      const ed = { form, body: $(form, 'textarea[name="body"]') || $(form, 'textarea'),
        showReplyTo: noop, closeMentions: noop, checkPrivacy: noop, showFindings: noop, saveDraft: null };
      [setupPrivacy, setupMentions, setupReplies, setupPreview, setupDrafts].forEach(setup => setup(ed));
    });
  };
  if (document.readyState === 'loading') on(document, 'DOMContentLoaded', start);
  else start();
})();
