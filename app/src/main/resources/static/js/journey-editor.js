/*
 * The journey editor: draws the graph (docs/journeys.md) as SVG nodes and edges, lets the user add, move, connect,
 * configure and delete them, and saves, validates and submits it through /api/v1/journeys (the session's cookie and
 * the CSRF header). On a running journey it polls the live counts. Text from the server or the user is only ever set
 * as textContent or attribute values, never parsed as markup.
 */
(function () {
  'use strict';
  const cfg = window.journeyEditor;
  const T = cfg.text;
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 160;
  const H = 58;
  const svg = document.getElementById('canvas');
  const base = svg.dataset.base || '/';
  const csrf = document.getElementById('csrf');
  const panel = document.getElementById('panel');
  const palette = document.getElementById('palette');
  const problemList = document.getElementById('problems');
  const errorBox = document.getElementById('journey-error');
  const okBox = document.getElementById('journey-ok');
  const saveButton = document.querySelector('[data-journey-save]');
  const KINDS = ['ENTRY', 'SEND', 'WAIT', 'DECISION', 'SPLIT', 'ACTION', 'GOAL', 'EXIT'];
  const COLOURS = {ENTRY: '#d1e7dd', SEND: '#cfe2ff', WAIT: '#fff3cd', DECISION: '#f8d7da', SPLIT: '#e2d9f3',
    ACTION: '#d2f4ea', GOAL: '#c3e6cb', EXIT: '#e2e3e5'};
  const MATERIAL_KIND = {EMAIL: 'EMAIL', SMS: 'SMS', CALL: 'CALL_SCRIPT', MAIL: 'LETTER'};
  const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  const UNITS = {D: 1440, H: 60, M: 1};

  const graph = {nodes: cfg.graph.nodes || [], edges: cfg.graph.edges || []};
  graph.nodes.forEach(n => { n.config = n.config || {}; });
  const lists = {segments: [], surveys: [], materials: {}};
  let editing = cfg.editing;
  let selected = null;
  let selectedEdge = null;
  let problems = [];
  let counts = null;

  function t(key, ...args) {
    return (T[key] || key).replace(/\{(\d+)\}/g, (m, i) => String(args[Number(i)]));
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    }
    children.flat().forEach(c => { if (c !== null && c !== undefined && c !== false) e.append(c); });
    return e;
  }

  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function node(id) {
    return graph.nodes.find(n => n.id === id);
  }

  // ---- what each kind is configured by: the fields of its side panel, following the config's choices ----
  const sel = (key, options) => ({key: key, type: 'select', options: options});
  const text = key => ({key: key, type: 'text'});
  const num = key => ({key: key, type: 'number'});
  const FIELDS = {
    ENTRY: c => [sel('trigger', ['SEGMENT_AT_LAUNCH', 'SEGMENT_NEWLY_MATCHING', 'PURCHASE', 'BIRTHDAY', 'SURVEY_ANSWERED',
      'FORM_SUBMITTED']),
      String(c.trigger).startsWith('SEGMENT') && {key: 'segmentId', type: 'segment'},
      c.trigger === 'PURCHASE' && text('product'),
      c.trigger === 'SURVEY_ANSWERED' && {key: 'surveyId', type: 'survey'},
      c.trigger === 'FORM_SUBMITTED' && num('formId'),
      num('reentryAfterDays')],
    SEND: c => [sel('channel', ['EMAIL', 'SMS', 'MAIL', 'CALL', 'COUPON']),
      c.channel !== 'COUPON' && {key: 'materialId', type: 'material', channel: c.channel}, text('offer')],
    WAIT: c => [{key: waitMode(c), type: waitMode(c) === 'duration' ? 'duration' : waitMode(c)}],
    DECISION: c => [{key: 'send', type: 'sendNode'},
      sel('on', ['OPENED', 'CLICKED', 'RESPONDED', 'REDEEMED', 'CALL_OUTCOME', 'SURVEY_ANSWERED', 'SURVEY_RATING']),
      c.on === 'CLICKED' && text('link'),
      c.on === 'CALL_OUTCOME' && {key: 'outcomes', type: 'list'},
      String(c.on).startsWith('SURVEY') && {key: 'surveyId', type: 'survey'},
      c.on === 'SURVEY_RATING' && [text('question'), sel('op', ['GE', 'LE']), num('value')],
      {key: 'within', type: 'duration'}],
    SPLIT: c => [sel('mode', ['RANDOM', 'AB']), c.mode === 'AB'
      ? [sel('channel', ['EMAIL', 'SMS']), {key: 'materialA', type: 'material', channel: c.channel},
        {key: 'materialB', type: 'material', channel: c.channel}, num('samplePercent'), sel('metric', ['OPENED', 'CLICKED']),
        {key: 'significance', type: 'number', step: '0.01'}, {key: 'decideAfter', type: 'duration'}]
      : {key: 'branches', type: 'branches'}],
    ACTION: c => [sel('action', ['ADD_TAG', 'REMOVE_TAG', 'SET_ATTRIBUTE', 'ASSIGN_OWNER', 'HAND_TO_GROUP', 'CREATE_LEAD',
      'START_SUB_CAMPAIGN']),
    (c.action === 'ADD_TAG' || c.action === 'REMOVE_TAG') && text('tag'),
    c.action === 'SET_ATTRIBUTE' && [text('key'), text('value')],
    c.action === 'ASSIGN_OWNER' && text('username'),
    (c.action === 'HAND_TO_GROUP' || c.action === 'CREATE_LEAD') && {key: 'users', type: 'list'},
    c.action === 'HAND_TO_GROUP' && {key: 'callList', type: 'checkbox'},
    c.action === 'START_SUB_CAMPAIGN' && [text('name'), text('budget')]],
    GOAL: () => [text('purchased')],
    EXIT: () => []
  };
  const DEFAULTS = {
    ENTRY: () => ({trigger: 'SEGMENT_AT_LAUNCH'}),
    SEND: () => ({channel: 'EMAIL'}),
    WAIT: () => ({duration: 'P1D'}),
    DECISION: () => {
      const send = graph.nodes.find(n => n.kind === 'SEND' || n.kind === 'SPLIT');
      return send ? {send: send.id, on: 'OPENED'} : {on: 'OPENED'};
    },
    SPLIT: () => ({mode: 'RANDOM', branches: [{branch: 'a', percent: 50}, {branch: 'b', percent: 50}]}),
    ACTION: () => ({action: 'ADD_TAG'}),
    GOAL: () => ({}),
    EXIT: () => ({})
  };

  function waitMode(c) {
    return c.window ? 'window' : c.until ? 'until' : 'duration';
  }

  function fields(n) {
    return [FIELDS[n.kind](n.config)].flat(2).filter(Boolean);
  }

  /** Drops what the node's current choices no longer use (a segment after the trigger became a purchase). */
  function prune(n) {
    const keep = new Set(fields(n).map(f => f.key));
    Object.keys(n.config).forEach(k => { if (!keep.has(k)) delete n.config[k]; });
  }

  /** The branches a node leaves by: null for the one unnamed edge, none for a goal or an exit. */
  function branches(n) {
    if (n.kind === 'DECISION') return ['yes', 'no'];
    if (n.kind === 'SPLIT' && n.config.mode !== 'AB') return (n.config.branches || []).map(b => b.branch);
    if (n.kind === 'GOAL' || n.kind === 'EXIT') return [];
    return [null];
  }

  // ---- durations: ISO-8601 as a number and a unit ----
  function minutes(iso) {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso || '');
    return m ? (Number(m[1] || 0) * 1440 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : null;
  }

  function iso(amount, unit) {
    return unit === 'D' ? 'P' + amount + 'D' : 'PT' + amount + unit;
  }

  // ---- problems from the server, located at their node and field ----
  function problemNode(field) {
    const m = /^nodes\[([^\]]+)\]/.exec(field);
    if (m) return node(m[1]) ? m[1] : (graph.nodes[Number(m[1])] || {}).id;
    const e = /^edges\[(\d+)\]/.exec(field);
    return e && graph.edges[Number(e[1])] ? graph.edges[Number(e[1])].from : null;
  }

  function problemsOf(id) {
    return problems.filter(p => problemNode(p.field) === id);
  }

  function fieldProblems(id, key) {
    return problemsOf(id).filter(p => p.field.startsWith('nodes[' + id + '].config.' + key));
  }

  // ---- the canvas ----
  function render() {
    while (svg.firstChild) svg.firstChild.remove();
    const defs = svgEl('defs');
    const marker = svgEl('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
      markerHeight: 7, orient: 'auto-start-reverse'});
    marker.append(svgEl('path', {d: 'M 0 0 L 10 5 L 0 10 z', fill: '#6c757d'}));
    defs.append(marker);
    svg.append(defs);
    svg.setAttribute('width', Math.max(1000, ...graph.nodes.map(n => (n.x || 0) + W + 60)));
    svg.setAttribute('height', Math.max(520, ...graph.nodes.map(n => (n.y || 0) + H + 60)));
    graph.edges.forEach(drawEdge);
    graph.nodes.forEach(drawNode);
    renderProblems();
  }

  function drawEdge(edge, index) {
    const a = node(edge.from);
    const b = node(edge.to);
    if (!a || !b) return;
    const x1 = (a.x || 0) + W;
    const y1 = (a.y || 0) + H / 2;
    const x2 = b.x || 0;
    const y2 = (b.y || 0) + H / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    // an edge back to the left loops below both nodes instead of crossing them
    const dy = x2 < x1 ? H + 30 : 0;
    const d = `M ${x1} ${y1} C ${x1 + dx} ${y1 + dy}, ${x2 - dx} ${y2 + dy}, ${x2} ${y2}`;
    const g = svgEl('g', {'data-testid': 'edge-' + edge.from + '-' + edge.to, 'data-branch': edge.branch || '',
      class: 'journey-edge'});
    g.style.cursor = 'pointer';
    g.append(svgEl('path', {d: d, fill: 'none', stroke: 'transparent', 'stroke-width': 12}));
    g.append(svgEl('path', {d: d, fill: 'none', stroke: selectedEdge === index ? '#0d6efd' : '#6c757d',
      'stroke-width': selectedEdge === index ? 3 : 1.5, 'marker-end': 'url(#arrow)'}));
    const passed = edgeCount(edge);
    const caption = [edge.branch, passed === null ? null : t('edgePassed', passed)].filter(Boolean).join(' · ');
    if (caption) {
      const label = svgEl('text', {x: (x1 + x2) / 2, y: (y1 + y2) / 2 + 0.75 * dy - 6, 'text-anchor': 'middle', 'font-size': 12,
        fill: '#212529', stroke: '#f8f9fa', 'stroke-width': 4, 'paint-order': 'stroke',
        'data-testid': 'edge-count-' + edge.from + '-' + edge.to}, caption);
      if (passed !== null) label.setAttribute('data-passed', passed);
      g.append(label);
    }
    g.addEventListener('click', () => { selectedEdge = index; selected = null; render(); renderPanel(); });
    svg.append(g);
  }

  function drawNode(n) {
    const g = svgEl('g', {transform: `translate(${n.x || 0},${n.y || 0})`, 'data-testid': 'node-' + n.id,
      'data-node': n.id, 'data-kind': n.kind, tabindex: 0});
    g.style.cursor = editing ? 'move' : 'pointer';
    const troubled = problemsOf(n.id).length > 0;
    g.append(svgEl('rect', {width: W, height: H, rx: 8, fill: COLOURS[n.kind] || '#fff',
      stroke: n.id === selected ? '#0d6efd' : troubled ? '#dc3545' : '#6c757d',
      'stroke-width': n.id === selected || troubled ? 3 : 1}));
    g.append(svgEl('text', {x: 10, y: 16, 'font-size': 11, fill: '#495057'}, t('kind.' + n.kind)));
    const label = n.label || n.id;
    g.append(svgEl('text', {x: 10, y: 34, 'font-size': 13, 'font-weight': 600, fill: '#212529'},
      label.length > 22 ? label.slice(0, 21) + '…' : label));
    const c = counts && counts.nodes[n.id];
    if (c) {
      g.append(svgEl('text', {x: 10, y: 50, 'font-size': 11, fill: '#0a3622', 'data-testid': 'count-' + n.id,
        'data-passed': c.passed, 'data-waiting': c.waiting}, t('nodeCount', c.passed, c.waiting)));
    }
    if (troubled) {
      const badge = svgEl('g', {'data-testid': 'node-problem-' + n.id});
      badge.append(svgEl('circle', {cx: W - 10, cy: 10, r: 9, fill: '#dc3545'}));
      badge.append(svgEl('text', {x: W - 10, y: 14, 'text-anchor': 'middle', 'font-size': 12, fill: '#fff',
        'font-weight': 700}, '!'));
      badge.append(svgEl('title', {}, problemsOf(n.id).map(p => p.message).join('\n')));
      g.append(badge);
    }
    g.addEventListener('pointerdown', e => startDrag(e, n));
    g.addEventListener('keydown', e => { if (e.key === 'Enter') choose(n.id); });
    svg.append(g);
  }

  function edgeCount(edge) {
    if (!counts) return null;
    const found = counts.edges.find(e => e.from === edge.from && e.to === edge.to && (e.branch || null) === (edge.branch || null));
    return found ? found.passed : 0;
  }

  // a press that does not move selects the node; one that moves drags it (positions are saved with the graph)
  function startDrag(e, n) {
    e.preventDefault();
    const start = {x: e.clientX, y: e.clientY, nx: n.x || 0, ny: n.y || 0};
    let moved = false;
    const move = ev => {
      const dx = ev.clientX - start.x;
      const dy = ev.clientY - start.y;
      if (!editing || (!moved && Math.abs(dx) + Math.abs(dy) < 4)) return;
      moved = true;
      n.x = Math.max(0, Math.round((start.nx + dx) / 10) * 10);
      n.y = Math.max(0, Math.round((start.ny + dy) / 10) * 10);
      render();
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (moved) changed(); else choose(n.id);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  function choose(id) {
    selected = id;
    selectedEdge = null;
    render();
    renderPanel();
  }

  function changed() {
    okBox.hidden = true;
    render();
  }

  // ---- the palette ----
  function addNode(kind) {
    let i = 1;
    while (node(kind.toLowerCase() + i)) i++;
    const count = graph.nodes.length;
    const n = {id: kind.toLowerCase() + i, kind: kind, label: t('kind.' + kind) + ' ' + i,
      x: 20 + (count % 4) * 240, y: 30 + Math.floor(count / 4) * 120, config: DEFAULTS[kind]()};
    graph.nodes.push(n);
    choose(n.id);
    changed();
  }

  function renderPalette() {
    palette.classList.toggle('d-none', !editing);
    palette.classList.toggle('d-flex', editing);
    if (saveButton) saveButton.hidden = !editing;
    palette.replaceChildren(el('span', {class: 'small text-secondary me-1 align-self-center', text: t('add')}),
      ...KINDS.map(k => el('button', {type: 'button', class: 'btn btn-outline-secondary btn-sm',
        'data-testid': 'add-' + k, text: '+ ' + t('kind.' + k), onclick: () => addNode(k)})));
  }

  // ---- the side panel ----
  function renderPanel() {
    if (selectedEdge !== null && graph.edges[selectedEdge]) {
      const edge = graph.edges[selectedEdge];
      panel.replaceChildren(el('h2', {class: 'h6', text: t('edge')}),
        el('p', {class: 'small', text: edge.from + ' → ' + edge.to + (edge.branch ? ' (' + edge.branch + ')' : '')}),
        editing && el('button', {type: 'button', class: 'btn btn-outline-danger btn-sm', 'data-testid': 'delete-edge',
          text: t('deleteEdge'), onclick: () => { graph.edges.splice(selectedEdge, 1); selectedEdge = null; changed(); renderPanel(); }}));
      return;
    }
    const n = node(selected);
    if (!n) {
      panel.replaceChildren(el('p', {class: 'small text-secondary mb-0', text: editing ? t('selectNode') : t('readOnly')}));
      return;
    }
    const box = el('fieldset', {disabled: !editing});
    box.append(el('h2', {class: 'h6', text: t('kind.' + n.kind) + ' · ' + n.id}));
    problemsOf(n.id).filter(p => !/\.config\./.test(p.field)).forEach(p =>
      box.append(el('div', {class: 'text-danger small mb-1', 'data-testid': 'node-error', text: p.message})));
    box.append(group('label', el('input', {class: 'form-control form-control-sm', id: 'f-label', value: n.label || '',
      maxlength: 200, oninput: e => { n.label = e.target.value; changed(); }})));
    fields(n).forEach(f => box.append(field(n, f)));
    box.append(connections(n));
    if (editing) {
      box.append(el('button', {type: 'button', class: 'btn btn-outline-danger btn-sm mt-2', 'data-testid': 'delete-node',
        text: t('deleteNode'), onclick: () => {
          graph.nodes = graph.nodes.filter(x => x !== n);
          graph.edges = graph.edges.filter(e => e.from !== n.id && e.to !== n.id);
          selected = null;
          changed();
          renderPanel();
        }}));
    }
    panel.replaceChildren(box);
  }

  function group(key, control, errors) {
    const wrap = el('div', {class: 'mb-2', 'data-field': key});
    wrap.append(el('label', {class: 'form-label small mb-0', for: 'f-' + key, text: t('field.' + key)}), control);
    (errors || []).forEach(p => {
      wrap.querySelectorAll('input, select').forEach(i => i.classList.add('is-invalid'));
      wrap.append(el('div', {class: 'invalid-feedback d-block', 'data-testid': 'field-error-' + key, text: p.message}));
    });
    return wrap;
  }

  function set(n, key, value) {
    if (value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) delete n.config[key];
    else n.config[key] = value;
    // another channel takes another kind of material
    if (key === 'channel') ['materialId', 'materialA', 'materialB'].forEach(k => delete n.config[k]);
    prune(n);
    changed();
  }

  function options(select, choices, current) {
    select.append(el('option', {value: '', text: t('choose')}));
    choices.forEach(c => select.append(el('option', {value: c.value, text: c.label, selected: String(c.value) === String(current)})));
    if (current !== undefined && current !== null && current !== '' && !choices.some(c => String(c.value) === String(current))) {
      select.append(el('option', {value: current, text: '#' + current, selected: true}));
    }
    return select;
  }

  function picker(n, f, choices, numeric) {
    return options(el('select', {class: 'form-select form-select-sm', id: 'f-' + f.key, onchange: e => {
      set(n, f.key, e.target.value === '' ? '' : numeric ? Number(e.target.value) : e.target.value);
      renderPanel();
    }}), choices, n.config[f.key]);
  }

  function field(n, f) {
    const c = n.config;
    const errors = fieldProblems(n.id, f.key);
    const cls = 'form-control form-control-sm';
    switch (f.type) {
      case 'select':
        return group(f.key, picker(n, f, f.options.map(o => ({value: o, label: T['option.' + o] || o})), false), errors);
      case 'segment':
        return group(f.key, picker(n, f, lists.segments, true), errors);
      case 'survey':
        return group(f.key, picker(n, f, lists.surveys, true), errors);
      case 'material':
        return group(f.key, picker(n, f, lists.materials[MATERIAL_KIND[f.channel]] || [], true), errors);
      case 'sendNode':
        return group(f.key, picker(n, f, graph.nodes.filter(x => x.kind === 'SEND' || x.kind === 'SPLIT')
          .map(x => ({value: x.id, label: x.label || x.id})), false), errors);
      case 'number':
        return group(f.key, el('input', {class: cls, type: 'number', id: 'f-' + f.key, step: f.step || '1', value: c[f.key] ?? '',
          onchange: e => set(n, f.key, e.target.value === '' ? '' : Number(e.target.value))}), errors);
      case 'text':
        return group(f.key, el('input', {class: cls, id: 'f-' + f.key, value: c[f.key] ?? '', maxlength: 500,
          onchange: e => set(n, f.key, e.target.value.trim())}), errors);
      case 'list':
        return group(f.key, el('input', {class: cls, id: 'f-' + f.key, value: (c[f.key] || []).join(', '),
          placeholder: t('listHint'), onchange: e => set(n, f.key, e.target.value.split(',').map(s => s.trim()).filter(Boolean))}), errors);
      case 'checkbox':
        return el('div', {class: 'form-check mb-2'}, el('input', {class: 'form-check-input', type: 'checkbox', id: 'f-' + f.key,
          checked: !!c[f.key], onchange: e => set(n, f.key, e.target.checked)}),
        el('label', {class: 'form-check-label small', for: 'f-' + f.key, text: t('field.' + f.key)}));
      case 'duration':
        return group(f.key, duration(n, f.key), errors);
      case 'until':
        return group(f.key, el('div', {}, waitModes(n), el('input', {class: cls, type: 'datetime-local', id: 'f-until',
          value: c.until ? localTime(c.until) : '', onchange: e => set(n, 'until', e.target.value ? new Date(e.target.value).toISOString() : '')})), errors);
      case 'window':
        return group(f.key, windowControl(n), problemsOf(n.id).filter(p => p.field.includes('.config.window')));
      case 'branches':
        return group(f.key, splitBranches(n), errors);
      default:
        return null;
    }
  }

  function waitModes(n) {
    if (n.kind !== 'WAIT') return null;
    const defaults = {duration: {duration: 'P1D'}, until: {until: new Date(Date.now() + 86400000).toISOString()},
      window: {window: {days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '09:00', to: '17:00'}}};
    return options(el('select', {class: 'form-select form-select-sm mb-1', id: 'f-waitMode', 'aria-label': t('field.waitMode'),
      onchange: e => { n.config = defaults[e.target.value]; changed(); renderPanel(); }}),
    Object.keys(defaults).map(m => ({value: m, label: t('field.' + m)})), waitMode(n.config));
  }

  function duration(n, key) {
    const total = minutes(n.config[key]);
    const unit = total === null || total === 0 ? 'D' : total % 1440 === 0 ? 'D' : total % 60 === 0 ? 'H' : 'M';
    const amount = el('input', {class: 'form-control form-control-sm', type: 'number', min: 1, id: 'f-' + key,
      value: total === null ? '' : total / UNITS[unit]});
    const units = el('select', {class: 'form-select form-select-sm w-auto', id: 'f-' + key + '-unit',
      'aria-label': t('unit')}, ...Object.keys(UNITS).map(u => el('option', {value: u, text: t('unit.' + u), selected: u === unit})));
    const update = () => set(n, key, amount.value === '' ? '' : iso(Math.max(1, Math.round(Number(amount.value))), units.value));
    amount.addEventListener('change', update);
    units.addEventListener('change', update);
    return el('div', {}, waitModes(n), el('div', {class: 'input-group input-group-sm'}, amount, units));
  }

  function localTime(instant) {
    const d = new Date(instant);
    const pad = v => String(v).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function windowControl(n) {
    const w = n.config.window;
    const days = el('div', {class: 'd-flex flex-wrap gap-2 small mb-1'}, DAYS.map(d => el('label', {},
      el('input', {type: 'checkbox', class: 'form-check-input me-1', checked: w.days.includes(d), onchange: e => {
        w.days = DAYS.filter(x => x === d ? e.target.checked : w.days.includes(x));
        changed();
      }}), t('day.' + d))));
    const time = key => el('input', {class: 'form-control form-control-sm', type: 'time', id: 'f-window-' + key,
      'aria-label': t('field.' + key), value: w[key] || '', onchange: e => { w[key] = e.target.value; changed(); }});
    return el('div', {}, waitModes(n), days, el('div', {class: 'input-group input-group-sm'}, time('from'),
      el('span', {class: 'input-group-text', text: '–'}), time('to')));
  }

  function splitBranches(n) {
    const list = n.config.branches || (n.config.branches = []);
    const rows = list.map((b, i) => el('div', {class: 'input-group input-group-sm mb-1'},
      el('input', {class: 'form-control', value: b.branch, 'aria-label': t('field.branch'), 'data-testid': 'branch-name-' + i,
        onchange: e => {
          const old = b.branch;
          b.branch = e.target.value.trim();
          graph.edges.forEach(edge => { if (edge.from === n.id && edge.branch === old) edge.branch = b.branch; });
          changed();
        }}),
      el('input', {class: 'form-control', type: 'number', min: 0, max: 100, value: b.percent, 'aria-label': t('field.percent'),
        'data-testid': 'branch-percent-' + i, onchange: e => { b.percent = Number(e.target.value); changed(); }}),
      el('span', {class: 'input-group-text', text: '%'}),
      el('button', {type: 'button', class: 'btn btn-outline-secondary', text: '×', 'aria-label': t('remove'), onclick: () => {
        list.splice(i, 1);
        graph.edges = graph.edges.filter(edge => !(edge.from === n.id && edge.branch === b.branch));
        changed();
        renderPanel();
      }})));
    return el('div', {}, rows, el('button', {type: 'button', class: 'btn btn-link btn-sm p-0', text: t('addBranch'), onclick: () => {
      let i = list.length + 1;
      while (list.some(b => b.branch === 'branch' + i)) i++;
      list.push({branch: 'branch' + i, percent: 0});
      changed();
      renderPanel();
    }}));
  }

  /** The node's outgoing edges, and a way to add one: the target and, for a decision or a split, the branch. */
  function connections(n) {
    const out = graph.edges.map((e, i) => ({e: e, i: i})).filter(x => x.e.from === n.id);
    const wrap = el('div', {class: 'border-top pt-2 mt-2'}, el('h3', {class: 'h6 small fw-semibold', text: t('outgoing')}));
    const list = el('ul', {class: 'list-unstyled small mb-2', 'data-testid': 'outgoing'});
    out.forEach(x => list.append(el('li', {class: 'd-flex align-items-center gap-2'},
      el('span', {text: '→ ' + (node(x.e.to) ? node(x.e.to).label || x.e.to : x.e.to) + (x.e.branch ? ' (' + x.e.branch + ')' : '')}),
      editing && el('button', {type: 'button', class: 'btn btn-link btn-sm text-danger p-0', text: t('remove'),
        'data-testid': 'remove-edge-' + x.e.to, onclick: () => { graph.edges.splice(x.i, 1); changed(); renderPanel(); }}))));
    if (out.length === 0) list.append(el('li', {class: 'text-secondary', text: t('none')}));
    wrap.append(list);
    const taken = branches(n);
    if (!editing || taken.length === 0) return wrap;
    const target = options(el('select', {class: 'form-select form-select-sm', id: 'connect-to', 'aria-label': t('connectTo')}),
      graph.nodes.filter(x => x !== n && x.kind !== 'ENTRY').map(x => ({value: x.id, label: x.label || x.id})), '');
    const branch = taken[0] === null ? null
      : el('select', {class: 'form-select form-select-sm', id: 'connect-branch', 'aria-label': t('field.branch')},
        taken.map(b => el('option', {value: b, text: T['option.' + b] || b})));
    wrap.append(el('label', {class: 'form-label small mb-0', for: 'connect-to', text: t('connectTo')}),
      el('div', {class: 'input-group input-group-sm'}, target, branch,
        el('button', {type: 'button', class: 'btn btn-outline-primary', 'data-testid': 'connect', text: t('connect'), onclick: () => {
          if (!target.value) return;
          const edge = {from: n.id, to: target.value};
          if (branch) edge.branch = branch.value;
          // one edge per branch: connecting a branch again moves it
          graph.edges = graph.edges.filter(e => !(e.from === n.id && (e.branch || null) === (edge.branch || null)));
          graph.edges.push(edge);
          changed();
          renderPanel();
        }})));
    return wrap;
  }

  function renderProblems() {
    problemList.replaceChildren(...problems.map(p => el('li', {'data-field': p.field},
      el('a', {href: '#', text: p.field + ': ' + p.message, onclick: e => {
        e.preventDefault();
        const id = problemNode(p.field);
        if (id) choose(id);
      }}))));
    if (problems.length === 0) problemList.append(el('li', {class: 'list-unstyled text-secondary', text: t('none')}));
  }

  // ---- talking to the server ----
  function request(method, path, body) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    headers[csrf.name] = csrf.value;
    return fetch(path, {method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body)});
  }

  function message(ok, text) {
    okBox.hidden = !ok;
    errorBox.hidden = ok;
    (ok ? okBox : errorBox).textContent = text;
  }

  /** Shows a refusal: the fields of a 400 at their nodes, otherwise the server's reason. */
  async function refused(response) {
    const body = await response.json().catch(() => ({}));
    if (response.status === 400 && Array.isArray(body.errors)) {
      problems = body.errors;
      render();
      renderPanel();
      message(false, t('refused', problems.length));
    } else {
      message(false, t('failed', body.detail || response.status));
    }
  }

  function graphJson() {
    return {nodes: graph.nodes.map(n => Object.assign({}, n, {x: Math.round(n.x || 0), y: Math.round(n.y || 0)})),
      edges: graph.edges};
  }

  async function save() {
    const response = await request('PUT', base + 'api/v1/journeys/' + cfg.id + '/graph', graphJson());
    if (!response.ok) {
      await refused(response);
      return false;
    }
    // the first save of a submitted journey's graph drafted its next version: the page shows that version's actions
    if ((await response.json()).version !== cfg.version) {
      window.location.reload();
      return false;
    }
    problems = [];
    render();
    renderPanel();
    message(true, t('saved'));
    return true;
  }

  async function validate() {
    if (editing && !await save()) return;
    const response = await request('POST', base + 'api/v1/journeys/' + cfg.id + '/validate');
    if (!response.ok) {
      await refused(response);
      return;
    }
    const result = await response.json();
    problems = result.errors;
    render();
    renderPanel();
    message(result.valid, result.valid ? t('valid') : t('invalid', problems.length));
  }

  async function action(button) {
    if (button.hasAttribute('data-journey-submit') && editing && !await save()) return;
    const comment = document.getElementById('journey-comment');
    const body = comment ? {comment: comment.value || null} : undefined;
    const response = await request('POST', button.dataset.journeyAction, body);
    if (response.ok) window.location.reload();
    else await refused(response);
  }

  async function refreshCounts() {
    const response = await fetch(base + 'api/v1/journeys/' + cfg.id + '/counts', {headers: {Accept: 'application/json'}});
    if (!response.ok) return;
    const body = await response.json();
    counts = {nodes: Object.fromEntries(body.nodes.map(c => [c.node, c])), edges: body.edges};
    render();
  }

  async function load(path, label) {
    const response = await fetch(base + path, {headers: {Accept: 'application/json'}});
    return response.ok ? (await response.json()).items.map(x => ({value: x.id, label: label(x)})) : [];
  }

  document.addEventListener('click', e => {
    const button = e.target.closest('[data-journey-save], [data-journey-validate], [data-journey-action], [data-journey-draft]');
    if (!button) return;
    if (button.hasAttribute('data-journey-save')) save();
    else if (button.hasAttribute('data-journey-validate')) validate();
    else if (button.hasAttribute('data-journey-draft')) {
      editing = true;
      button.hidden = true;
      renderPalette();
      renderPanel();
      render();
    } else action(button);
  });

  renderPalette();
  render();
  renderPanel();
  Promise.all([
    load('api/v1/segments?size=200', x => x.name).then(l => { lists.segments = l; }),
    load('api/v1/surveys?size=100', x => x.name).then(l => { lists.surveys = l; }),
    ...Object.values(MATERIAL_KIND).map(k => load('api/v1/materials?size=100&kind=' + k, x => x.name)
      .then(l => { lists.materials[k] = l; }))
  ]).then(renderPanel);
  if (cfg.live) {
    refreshCounts();
    window.setInterval(refreshCounts, 4000);
  }
}());
