/*
 * The segment builder: edits a condition tree (JSON format 1, docs/segments.md) as nested groups of conditions,
 * keeps the save and export forms' hidden "condition" field in step, and asks the server for the live count and
 * the members as the condition changes. Text from the server or the user is only ever set as textContent or as
 * attribute values; the members table is a fragment the server rendered (and escaped).
 */
(function () {
  'use strict';
  const cfg = window.segmentBuilder;
  const T = cfg.text;
  const root = document.getElementById('builder');
  const base = root.dataset.base || '/';
  const csrf = document.getElementById('csrf');
  const countEl = document.getElementById('live-count');
  const errorEl = document.getElementById('count-error');
  const fieldsByKey = new Map(cfg.fields.map(f => [f.key, f]));
  const ARITY = {eq: 1, neq: 1, in: -1, not_in: -1, lt: 1, lte: 1, gt: 1, gte: 1, between: 2, contains: 1,
    is_set: 0, is_not_set: 0, has_any: -1, has_all: -1, has_none: -1};
  const ATTRIBUTE_OPERATORS = ['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'between', 'contains',
    'is_set', 'is_not_set'];
  let ids = 0;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    }
    children.flat().forEach(c => { if (c !== null && c !== undefined) e.append(c); });
    return e;
  }

  // ---- the model: groups and leaves, mirroring the JSON ----
  function group(op, children, not) {
    return {type: 'group', op: op, children: children || [], not: !!not};
  }

  function defaults(n) {
    const f = fieldsByKey.get(n.field);
    if (f.type === 'BOOLEAN' && n.values.length === 0) n.values = [true];
    return n;
  }

  function leaf(key) {
    const f = fieldsByKey.get(key) || cfg.fields[0];
    return defaults({type: 'leaf', field: f.key, op: f.operators[0], values: [],
      window: {kind: 'ever', days: 365, from: '', to: ''}, not: false});
  }

  function attributeField(key) {
    const f = {key: key, label: key, category: 'PROFILE', type: 'ANY', operators: ATTRIBUTE_OPERATORS,
      windowed: false, picker: '', choices: []};
    cfg.fields.push(f);
    fieldsByKey.set(key, f);
  }

  function fromJson(j) {
    if (j && typeof j === 'object' && j.not !== undefined) {
      const inner = fromJson(j.not);
      if (inner.not) return group('all', [inner], true);
      inner.not = true;
      return inner;
    }
    if (j && Array.isArray(j.all)) return group('all', j.all.map(fromJson));
    if (j && Array.isArray(j.any)) return group('any', j.any.map(fromJson));
    if (j && typeof j.field === 'string') {
      if (!fieldsByKey.has(j.field)) attributeField(j.field);
      const values = Array.isArray(j.values) ? j.values.slice() : (j.value !== undefined ? [j.value] : []);
      const w = !j.window ? {kind: 'ever', days: 365, from: '', to: ''}
        : j.window.lastDays !== undefined ? {kind: 'last', days: j.window.lastDays, from: '', to: ''}
        : {kind: 'between', days: 365, from: j.window.from || '', to: j.window.to || ''};
      return {type: 'leaf', field: j.field, op: j.op, values: values, window: w, not: false};
    }
    return group('all', []);
  }

  function typed(f, v) {
    if (typeof v !== 'string') return v;
    if (f.type === 'NUMBER') return v.trim() === '' || isNaN(Number(v)) ? v : Number(v);
    if (f.type === 'BOOLEAN') return v === 'true';
    if (f.type === 'ANY') {
      if (/^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
      if (v === 'true' || v === 'false') return v === 'true';
    }
    return v;
  }

  function toJson(n) {
    let j;
    if (n.type === 'group') {
      j = {};
      j[n.op] = n.children.map(toJson);
    } else {
      const f = fieldsByKey.get(n.field);
      const arity = ARITY[n.op];
      j = {field: n.field, op: n.op};
      if (arity !== 0) {
        const values = arity > 0 ? Array.from({length: arity}, (_, i) => n.values[i] === undefined ? '' : n.values[i])
          : n.values;
        j.values = values.map(v => typed(f, v));
      }
      if (f.windowed && n.window.kind === 'last') j.window = {lastDays: Number(n.window.days)};
      if (f.windowed && n.window.kind === 'between') j.window = {from: n.window.from, to: n.window.to};
    }
    return n.not ? {not: j} : j;
  }

  let model = fromJson(cfg.condition);
  if (model.type !== 'group') model = group('all', [model]);
  const savedJson = cfg.savedCondition ? JSON.stringify(toJson(
    (m => m.type === 'group' ? m : group('all', [m]))(fromJson(cfg.savedCondition)))) : null;

  // ---- rendering ----
  function render() {
    root.replaceChildren(renderGroup(model, null, 'condition'));
  }

  function changed(rerender) {
    if (rerender) render();
    schedule();
  }

  function notToggle(n) {
    const id = 'not-' + (++ids);
    const box = el('input', {type: 'checkbox', class: 'form-check-input', id: id, 'data-testid': 'not'});
    box.checked = n.not;
    box.addEventListener('change', () => { n.not = box.checked; changed(true); });
    return el('div', {class: 'form-check form-check-inline me-0 small'}, box,
      el('label', {class: 'form-check-label', for: id, text: T.not}));
  }

  function removeButton(parent, n) {
    return el('button', {type: 'button', class: 'btn btn-sm btn-link text-danger p-0 ms-auto', 'aria-label': T.remove,
      title: T.remove, 'data-testid': 'remove', text: '✕',
      onclick: () => { parent.children.splice(parent.children.indexOf(n), 1); changed(true); }});
  }

  function renderGroup(n, parent, at) {
    const inner = n.not ? at + '.not' : at;
    const op = el('select', {class: 'form-select form-select-sm w-auto', 'aria-label': T.all + ' / ' + T.any,
      'data-testid': 'group-op'}, el('option', {value: 'all', text: T.all}), el('option', {value: 'any', text: T.any}));
    op.value = n.op;
    op.addEventListener('change', () => { n.op = op.value; changed(true); });
    const box = el('div', {class: 'seg-group rounded p-2 mb-2' + (n.not ? ' seg-not' : ''), 'data-path': inner,
      'data-testid': 'group'},
      el('div', {class: 'd-flex flex-wrap align-items-center gap-2 mb-2'},
        notToggle(n), op,
        el('button', {type: 'button', class: 'btn btn-outline-primary btn-sm', 'data-testid': 'add-condition',
          text: '+ ' + T.addCondition, onclick: () => { n.children.push(leaf(cfg.fields[0].key)); changed(true); }}),
        el('button', {type: 'button', class: 'btn btn-outline-secondary btn-sm', 'data-testid': 'add-group',
          text: '+ ' + T.addGroup, onclick: () => {
            n.children.push(group(n.op === 'all' ? 'any' : 'all', [leaf(cfg.fields[0].key)]));
            changed(true);
          }}),
        parent ? removeButton(parent, n) : null));
    if (n.children.length === 0) box.append(el('div', {class: 'small text-secondary', text: T.emptyGroup}));
    n.children.forEach((c, i) => {
      const childAt = inner + '.' + n.op + '[' + i + ']';
      box.append(c.type === 'group' ? renderGroup(c, n, childAt) : renderLeaf(c, n, childAt));
    });
    return box;
  }

  function renderLeaf(n, parent, at) {
    const f = fieldsByKey.get(n.field);
    const field = el('select', {class: 'form-select form-select-sm w-auto seg-field', 'aria-label': T.search,
      'data-testid': 'field'});
    for (const [category, label] of Object.entries(cfg.categories)) {
      const options = cfg.fields.filter(x => x.category === category)
        .map(x => el('option', {value: x.key, text: x.label}));
      if (options.length) field.append(el('optgroup', {label: label}, options));
    }
    field.value = n.field;
    field.addEventListener('change', () => {
      const next = fieldsByKey.get(field.value);
      n.field = next.key;
      if (!next.operators.includes(n.op)) n.op = next.operators[0];
      n.values = [];
      defaults(n);
      changed(true);
    });
    const op = el('select', {class: 'form-select form-select-sm w-auto', 'aria-label': T.search, 'data-testid': 'op'},
      f.operators.map(o => el('option', {value: o, text: cfg.operators[o] || o})));
    op.value = n.op;
    op.addEventListener('change', () => {
      n.op = op.value;
      if (ARITY[n.op] > 0) n.values = n.values.slice(0, ARITY[n.op]);
      defaults(n);
      changed(true);
    });
    return el('div', {class: 'seg-leaf d-flex flex-wrap align-items-center gap-2 mb-2 p-2 rounded' +
        (n.not ? ' seg-not' : ''), 'data-path': n.not ? at + '.not' : at, 'data-testid': 'condition',
        'data-field': n.field},
      notToggle(n), field, op, valueEditor(n, f), f.windowed ? windowEditor(n) : null, removeButton(parent, n));
  }

  // labels of values chosen from a picker's suggestions, so a chip shows "#12 · Spring sale" rather than "12"
  const pickedLabels = new Map();

  function labelOf(f, v) {
    if (f.type === 'BOOLEAN' || typeof v === 'boolean') return v === true || v === 'true' ? T.yes : T.no;
    const choice = f.choices.find(c => c.value === v);
    return choice ? choice.label : pickedLabels.get(f.picker + '\u0000' + v) || String(v);
  }

  function valueEditor(n, f) {
    const arity = ARITY[n.op];
    const box = el('div', {class: 'd-flex flex-wrap align-items-center gap-1 seg-values'});
    if (arity === 0) return box;
    if (arity < 0) {
      const chips = el('div', {class: 'd-flex flex-wrap gap-1', 'data-testid': 'chips'});
      const draw = () => chips.replaceChildren(...n.values.map((v, i) =>
        el('span', {class: 'badge text-bg-light border seg-chip', 'data-testid': 'chip'}, labelOf(f, v),
          el('button', {type: 'button', class: 'btn-close ms-1', 'aria-label': T.remove,
            onclick: () => { n.values.splice(i, 1); draw(); changed(false); }}))));
      draw();
      const add = v => {
        const value = typed(f, typeof v === 'string' ? v.trim() : v);
        if (value === '' || n.values.some(x => String(x) === String(value))) return;
        n.values.push(value);
        draw();
        changed(false);
      };
      box.append(chips, input(f, undefined, add, true));
      return box;
    }
    for (let i = 0; i < arity; i++) {
      if (i > 0) box.append(el('span', {class: 'small', text: '–'}));
      box.append(input(f, n.values[i], v => { n.values[i] = v; changed(false); }, false));
    }
    return box;
  }

  /** One value's input; for lists (multi) each value chosen or typed is handed to onValue and the input cleared. */
  function input(f, value, onValue, multi) {
    if (f.type === 'CHOICE' || f.type === 'BOOLEAN') {
      const options = f.type === 'BOOLEAN' ? [{value: 'true', label: T.yes}, {value: 'false', label: T.no}] : f.choices;
      const select = el('select', {class: 'form-select form-select-sm w-auto', 'aria-label': T.add,
        'data-testid': 'value'},
        el('option', {value: '', text: multi ? '+ ' + T.add : '–'}),
        options.map(c => el('option', {value: c.value, text: c.label})));
      select.value = value === undefined ? '' : String(value);
      select.addEventListener('change', () => {
        if (multi) {
          if (select.value !== '') onValue(select.value);
          select.value = '';
        } else {
          onValue(typed(f, select.value));
        }
      });
      return select;
    }
    if (f.type === 'NUMBER' || f.type === 'DATE') {
      const box = el('input', {type: f.type === 'NUMBER' ? 'number' : 'date', step: 'any',
        class: 'form-control form-control-sm seg-input', 'aria-label': T.add, 'data-testid': 'value'});
      box.value = value === undefined ? '' : String(value);
      box.addEventListener('input', () => onValue(f.type === 'NUMBER' ? typed(f, box.value) : box.value));
      return box;
    }
    const listId = 'values-' + (++ids);
    const box = el('input', {type: 'text', class: 'form-control form-control-sm seg-input', 'aria-label': T.search,
      placeholder: f.picker ? T.search : '', list: f.picker ? listId : null, autocomplete: 'off', maxlength: 500,
      'data-testid': 'value'});
    box.value = value === undefined ? '' : String(value);
    const list = f.picker ? el('datalist', {id: listId}) : null;
    let timer = null;
    const suggest = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const r = await fetch(base + 'segments/values/' + encodeURIComponent(f.picker) + '?q=' +
            encodeURIComponent(box.value), {headers: {Accept: 'application/json'}});
          if (!r.ok) return;
          const found = await r.json();
          found.forEach(c => pickedLabels.set(f.picker + '\u0000' + c.value, c.label));
          list.replaceChildren(...found.map(c => { const o = document.createElement('option'); o.value = c.value; o.label = c.label; return o; }));
        } catch (e) { /* suggestions are a convenience */ }
      }, 200);
    };
    box.addEventListener('input', e => {
      if (list) suggest();
      const picked = e.inputType === undefined || e.inputType === 'insertReplacementText';
      if (multi && picked && box.value !== '' && list && [...list.options].some(o => o.value === box.value)) {
        onValue(box.value);
        box.value = '';
      } else if (!multi) {
        onValue(box.value);
      }
    });
    if (list) box.addEventListener('focus', suggest);
    if (!multi) return list ? el('span', {}, box, list) : box;
    box.addEventListener('keydown', e => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (box.value.trim() !== '') onValue(box.value);
        box.value = '';
      }
    });
    const plus = el('button', {type: 'button', class: 'btn btn-outline-secondary btn-sm', text: '+', 'aria-label': T.add,
      'data-testid': 'add-value', onclick: () => { if (box.value.trim() !== '') onValue(box.value); box.value = ''; }});
    return el('span', {class: 'd-inline-flex gap-1'}, box, list, plus);
  }

  function windowEditor(n) {
    const w = n.window;
    const kind = el('select', {class: 'form-select form-select-sm w-auto', 'aria-label': T.ever + ' / ' + T.lastDays,
      'data-testid': 'window'},
      el('option', {value: 'ever', text: T.ever}), el('option', {value: 'last', text: T.lastDays}),
      el('option', {value: 'between', text: T.between}));
    kind.value = w.kind;
    kind.addEventListener('change', () => { w.kind = kind.value; changed(true); });
    const box = el('div', {class: 'd-flex flex-wrap align-items-center gap-1'}, kind);
    if (w.kind === 'last') {
      const days = el('input', {type: 'number', min: 1, max: 36500, class: 'form-control form-control-sm seg-days',
        'aria-label': T.days, 'data-testid': 'window-days'});
      days.value = w.days;
      days.addEventListener('input', () => { w.days = days.value; changed(false); });
      box.append(days, el('span', {class: 'small', text: T.days}));
    }
    if (w.kind === 'between') {
      const from = el('input', {type: 'date', class: 'form-control form-control-sm seg-input', 'aria-label': T.from});
      const to = el('input', {type: 'date', class: 'form-control form-control-sm seg-input', 'aria-label': T.to});
      from.value = w.from;
      to.value = w.to;
      from.addEventListener('input', () => { w.from = from.value; changed(false); });
      to.addEventListener('input', () => { w.to = to.value; changed(false); });
      box.append(from, el('span', {class: 'small', text: '–'}), to);
    }
    return box;
  }

  // ---- the live count and the members ----
  let timer = null;
  let countSeq = 0;
  let memberSeq = 0;
  let sort = 'name';
  let page = 0;

  function conditionJson() {
    return JSON.stringify(toJson(model));
  }

  function schedule() {
    document.querySelectorAll('form input[name=condition]').forEach(i => { i.value = conditionJson(); });
    countEl.dataset.state = 'busy';
    countSeq++; // an answer still on its way is for an older condition
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  function post(path, body) {
    const headers = {'Content-Type': 'application/json'};
    headers[csrf.name] = csrf.value;
    return fetch(base + path, {method: 'POST', headers: headers, body: JSON.stringify(body)});
  }

  function highlight(path) {
    root.querySelectorAll('.seg-invalid').forEach(e => e.classList.remove('seg-invalid'));
    if (!path) return;
    let best = null;
    root.querySelectorAll('[data-path]').forEach(e => {
      const p = e.dataset.path;
      const next = path.charAt(p.length);
      if (path.startsWith(p) && (next === '' || next === '.' || next === '[') &&
          (!best || p.length > best.dataset.path.length)) best = e;
    });
    if (best) best.classList.add('seg-invalid');
  }

  async function refresh() {
    const mine = ++countSeq;
    try {
      const r = await post('segments/count', {condition: toJson(model)});
      const data = await r.json();
      if (mine !== countSeq) return;
      if (data.error !== undefined) {
        countEl.textContent = '–';
        delete countEl.dataset.count;
        countEl.dataset.state = 'error';
        errorEl.textContent = data.error;
        errorEl.hidden = false;
        highlight(data.path);
      } else {
        countEl.textContent = Number(data.count).toLocaleString();
        countEl.dataset.count = data.count;
        countEl.dataset.state = 'ready';
        errorEl.hidden = true;
        errorEl.textContent = '';
        highlight(null);
      }
    } catch (e) {
      if (mine !== countSeq) return;
      countEl.dataset.state = 'error';
      errorEl.textContent = String(e);
      errorEl.hidden = false;
    }
    page = 0;
    loadMembers();
  }

  async function loadMembers() {
    const mine = ++memberSeq;
    const frozen = cfg.snapshot && conditionJson() === savedJson;
    const query = '?sort=' + encodeURIComponent(sort) + '&page=' + page;
    const r = frozen
      ? await fetch(base + 'segments/' + cfg.segmentId + '/members' + query, {headers: {Accept: 'text/html'}})
      : await post('segments/members' + query, {condition: toJson(model)});
    const html = await r.text();
    if (mine !== memberSeq) return;
    const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('members');
    if (fresh) document.getElementById('members').replaceWith(document.importNode(fresh, true));
  }

  document.getElementById('members-box').addEventListener('click', e => {
    const bySort = e.target.closest('[data-sort]');
    if (bySort) {
      e.preventDefault();
      sort = bySort.dataset.sort;
      page = 0;
      loadMembers();
      return;
    }
    const toPage = e.target.closest('[data-page]');
    if (toPage) {
      e.preventDefault();
      if (!toPage.closest('.page-item').classList.contains('disabled')) {
        page = Number(toPage.dataset.page);
        loadMembers();
      }
    }
  });
  document.querySelectorAll('form input[name=condition]').forEach(i => {
    i.form.addEventListener('submit', () => { i.value = conditionJson(); });
  });

  render();
  schedule();
})();
