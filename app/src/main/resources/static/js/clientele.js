// What every page shares: the one HTML escaping for user text in charts and client-side templates, and the
// behaviour that would otherwise sit in inline event handlers, which the Content-Security-Policy forbids.
(function () {
  'use strict';
  const Clientele = window.Clientele = window.Clientele || {};
  const ENTITIES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

  /** Text as HTML that shows it: every user-provided name a chart or a template puts into HTML goes through here. */
  Clientele.escapeHtml = function (text) {
    return String(text).replace(/[&<>"']/g, c => ENTITIES[c]);
  };

  /**
   * A chart on the element. ECharts renders tooltips as HTML and inserts what a tooltip formatter returns as it is,
   * so every tooltip formatter (and value formatter) of the option, the chart's own and each series', is wrapped to return escaped text:
   * a name with markup shows as text whoever wrote the formatter. (Labels, axes and legends are drawn on the
   * canvas, where markup is just characters; ECharts escapes the names in its default tooltips itself.)
   */
  Clientele.chart = function (element, option) {
    const tooltips = [].concat(option.tooltip || []);
    [].concat(option.series || []).forEach(series => {
      if (series.tooltip) {
        tooltips.push(series.tooltip);
      }
    });
    tooltips.forEach(tooltip => ['formatter', 'valueFormatter'].forEach(key => {
      if (typeof tooltip[key] === 'function') {
        const format = tooltip[key];
        tooltip[key] = (...args) => Clientele.escapeHtml(format(...args));
      }
    }));
    const chart = echarts.init(element);
    chart.setOption(option);
    window.addEventListener('resize', () => chart.resize());
    return chart;
  };

  document.addEventListener('change', event => {
    // <select data-submit-on-change>: a filter that applies as soon as it is chosen
    if (event.target.matches('[data-submit-on-change]')) {
      event.target.form.requestSubmit();
    }
  });

  document.addEventListener('click', event => {
    // <th data-sort> of a table: sorts its body by the column's data-value (numbers as numbers), again to reverse;
    // rows are moved, nothing is inserted
    const header = event.target.closest('th[data-sort]');
    if (header) {
      const table = header.closest('table');
      const column = Array.from(header.parentElement.children).indexOf(header);
      const descending = header.getAttribute('aria-sort') !== 'descending';
      table.querySelectorAll('th[data-sort]').forEach(th => th.removeAttribute('aria-sort'));
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      const value = row => row.children[column].dataset.value ?? row.children[column].textContent;
      const rows = Array.from(table.tBodies[0].rows);
      rows.sort((a, b) => {
        const x = value(a), y = value(b);
        const order = x !== '' && y !== '' && !isNaN(x) && !isNaN(y) ? x - y : String(x).localeCompare(String(y));
        return descending ? -order : order;
      });
      rows.forEach(row => table.tBodies[0].appendChild(row));
      return;
    }
    const target = event.target.closest('[data-toggle-show], [data-remove-row], [data-add-row], [data-toggle-row]');
    if (!target) {
      return;
    }
    if (target.dataset.toggleShow) {
      // the navigation's menu button on narrow screens
      document.getElementById(target.dataset.toggleShow).classList.toggle('show');
    } else if (target.hasAttribute('data-remove-row')) {
      target.closest('tr').remove();
    } else if (target.dataset.addRow) {
      // a new row from a <template>: its fields named "…[N]…" get the next free index
      const body = document.querySelector(target.dataset.into);
      const html = document.getElementById(target.dataset.addRow).innerHTML;
      body.insertAdjacentHTML('beforeend', html.replaceAll('[N]', '[' + body.dataset.next++ + ']'));
    } else if (target.dataset.toggleRow) {
      const row = document.getElementById(target.dataset.toggleRow);
      row.classList.toggle('d-none');
      target.setAttribute('aria-expanded', String(!row.classList.contains('d-none')));
    }
  });

  // The pipeline board ([data-board]): a card (article[draggable=true][data-opportunity]) dragged onto another stage's
  // column ([data-stage]) is moved there by a POST carrying the CSRF token; a lost one asks for the reason first.
  // The page reloads either way, so what it shows is what was stored (a refused move shows the server's words).
  document.addEventListener('dragstart', event => {
    const card = event.target.closest && event.target.closest('[data-board] [data-opportunity][draggable="true"]');
    if (card) {
      event.dataTransfer.setData('text/plain', card.dataset.opportunity);
      event.dataTransfer.effectAllowed = 'move';
    }
  });
  document.addEventListener('dragover', event => {
    if (event.target.closest && event.target.closest('[data-board] [data-stage]')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    }
  });
  document.addEventListener('drop', event => {
    const column = event.target.closest && event.target.closest('[data-board] [data-stage]');
    const id = column && event.dataTransfer.getData('text/plain');
    if (!id || !/^[0-9]+$/.test(id)) {
      return;
    }
    event.preventDefault();
    const board = column.closest('[data-board]');
    const body = new URLSearchParams({stage: column.dataset.stage});
    if (column.dataset.outcome === 'LOST') {
      const reason = window.prompt(board.dataset.lostPrompt);
      if (reason === null) {
        return;
      }
      body.set('reason', reason);
    }
    fetch(board.dataset.move + id + '/stage', {
      method: 'POST',
      headers: {[board.dataset.csrfHeader]: board.dataset.csrf, 'X-Requested-With': 'fetch'},
      body: body
    }).then(response => {
      if (!response.ok) {
        window.alert(board.dataset.error);
      }
      window.location.reload();
    });
  });
})();
