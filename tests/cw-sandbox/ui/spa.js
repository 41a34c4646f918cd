// CW-like single-page shell (inlined into the served HTML). Renders tickets and boards into #cwContent
// without reloads, like CW's GWT app: board → ticket navigation leaves the URL stale, some links use
// history.pushState, back/forward re-render. Data comes from /__ui/*, never the CW API. All data text
// goes through textContent / input.value, so ticket content is never parsed as HTML.
(() => {
  const content = document.getElementById('cwContent');
  let navToken = 0;

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'value') el.value = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function param(url, name) {
    for (const [k, v] of url.searchParams) if (k.toLowerCase() === name.toLowerCase()) return v;
    return null;
  }

  const num = (v) => (v && /^\d+$/.test(v) ? Number(v) : null);

  function routeFrom(href) {
    const url = new URL(href);
    const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
    const screen = (hash.get('startscreen') || '').toLowerCase();
    if (screen === 'sr150' || screen === 'sr100') {
      try {
        const state = JSON.parse(hash.get('state') || '{}');
        const rd = state?.s?.p?.rd;
        if (rd) return { view: 'ticket', id: Number(rd) };
      } catch {
        // fall through to the board
      }
    }
    if (screen === 'sr200') return { view: 'board', id: 1 };
    const path = url.pathname.toLowerCase();
    if (path.endsWith('/fv_sr100_request.rails')) {
      const id = num(param(url, 'service_recid'));
      if (id) return { view: 'ticket', id };
    }
    if (path.endsWith('/openrecord.rails')) {
      const type = (param(url, 'recordType') || '').toLowerCase();
      const id = num(param(url, 'recid'));
      if (id && (type === 'servicefv' || type === 'projectticketfv')) return { view: 'ticket', id };
    }
    const routeTo = (param(url, 'routeTo') || '').toLowerCase();
    const recid = num(param(url, 'recid')) || num(param(url, 'srRecID'));
    if (recid && (routeTo === '' || routeTo === 'servicefv' || routeTo === 'projectticketfv')) {
      return { view: 'ticket', id: recid };
    }
    return { view: 'board', id: num(param(url, 'boardId')) || 1 };
  }

  const ticketUrl = (t) =>
    `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=${t.kind === 'project' ? 'ProjectTicketFV' : 'ServiceFV'}&recid=${t.id}`;
  const boardUrl = (id) => `/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceBoard&boardId=${id}`;

  const wait = (ms) => new Promise((r) => setTimeout(r, ms));

  async function fetchData(route) {
    const res = await fetch(route.view === 'ticket' ? `/__ui/ticket/${route.id}` : `/__ui/board/${route.id}`);
    return res.ok ? res.json() : null;
  }

  async function show(route) {
    const token = ++navToken;
    content.replaceChildren(h('div', { class: 'cw-loading', role: 'status' }, 'Loading...'));
    const [data] = await Promise.all([
      fetchData(route).catch(() => null),
      wait(30 + Math.floor(Math.random() * 50)),
    ]);
    if (token !== navToken) return;
    content.replaceChildren(route.view === 'ticket' ? ticketView(data) : boardView(data));
  }

  /** In-app navigation that leaves the address bar as it is (CW's stale URL). */
  const staleNav = (route) => (e) => {
    e.preventDefault();
    show(route);
  };

  /** In-app navigation that pushes a real URL. */
  const pushNav = (route, url) => (e) => {
    e.preventDefault();
    history.pushState(route, '', url);
    show(route);
  };

  function field(label, cls, value) {
    return h(
      'div',
      { class: 'cw-field' },
      h('label', { class: 'cw_CwLabel' }, label),
      h('input', { class: `cw_CwTextField ${cls}`, value: value || '', readonly: true }),
    );
  }

  function info(label, value) {
    return h(
      'div',
      { class: 'cw-info' },
      h('span', { class: 'cw_CwLabel' }, `${label}: `),
      h('span', { class: 'cw-value' }, value || ''),
    );
  }

  function actionButton(text, cls, onclick) {
    return h(
      'div',
      { class: 'cw_CwActionButton', role: 'button', tabindex: '0', onclick },
      h('span', { class: `cw_ToolbarButton ${cls}` }, text),
    );
  }

  function flash(text) {
    const bar = document.querySelector('.pod_ticketHeaderActions');
    if (!bar) return;
    const note = h('span', { class: 'cw-saved', role: 'status' }, text);
    bar.append(note);
    setTimeout(() => note.remove(), 1500);
  }

  function ticketView(t) {
    if (!t) {
      document.title = 'ConnectWise PSA';
      return h(
        'div',
        { class: 'cw-WorkspaceView' },
        h(
          'div',
          { class: 'cw-error' },
          'The record you requested could not be found or you do not have access to it.',
        ),
      );
    }
    const label = t.kind === 'project' ? 'Project Ticket' : 'Service Ticket';
    const board = { view: 'board', id: t.board.id };
    document.title = `${label} #${t.id} - ${t.summary}`;
    return h(
      'div',
      { class: 'cw-WorkspaceView', 'data-screen': t.kind === 'project' ? 'pm100' : 'sr100' },
      h(
        'div',
        { class: 'cw_CwHorizontalPanel mm_toolbar' },
        h('span', { class: 'navigationEntry cw_CwLabel' }, label),
        ' › ',
        h(
          'a',
          {
            class: 'cw-nav-board',
            href: boardUrl(t.board.id),
            onclick: pushNav(board, boardUrl(t.board.id)),
          },
          t.board.name,
        ),
      ),
      h(
        'div',
        { class: 'cw_BannerView' },
        h('div', { class: 'detailLabel gwt-Label' }, `${label} #${t.id} - ${t.summary}`),
      ),
      h(
        'div',
        { class: 'pod_ticketHeaderActions cw-CwActionBar' },
        h(
          'div',
          { class: 'cw-ticket-nav' },
          t.prevId &&
            h(
              'a',
              { class: 'cw-prev-ticket', href: '#', onclick: staleNav({ view: 'ticket', id: t.prevId }) },
              '‹ Previous ticket',
            ),
          t.nextId &&
            h(
              'a',
              {
                class: 'cw-next-ticket',
                href: ticketUrl({ id: t.nextId, kind: t.kind }),
                onclick: pushNav({ view: 'ticket', id: t.nextId }, ticketUrl({ id: t.nextId, kind: t.kind })),
              },
              'Next ticket ›',
            ),
        ),
        h(
          'div',
          { class: 'cw-CwActionButtons' },
          actionButton('Save', 'cw_ToolbarButton_Save', () => flash('Saved')),
          actionButton('Save & Close', 'cw_ToolbarButton_SaveAndClose', staleNav(board)),
        ),
      ),
      h(
        'div',
        { class: 'pod_ticketSummary' },
        field('Summary', 'cw_PsaSummaryHeader', t.summary),
        h(
          'div',
          { class: 'cw-row' },
          field('Company', 'cw_company', t.company.name),
          field('Contact', 'cw_contact', t.contact ? t.contact.name : ''),
          field('Email', 'cw_email', t.contact ? t.contact.email : ''),
          field('Phone', 'cw_phone', t.contact ? t.contact.phone : ''),
        ),
        h(
          'div',
          { class: 'cw-row' },
          info('Board', t.board.name),
          info('Status', t.status.name),
          info('Priority', t.priority),
          info('Owner', t.owner),
          t.project && info('Project', `${t.project} / ${t.phase}`),
        ),
        h('div', { class: 'cw_CwHTML mm_label' }, `Age: ${t.ageDays} day${t.ageDays === 1 ? '' : 's'}`),
      ),
      h(
        'div',
        { class: 'pod_ticketConfigurations' },
        h('h3', {}, 'Configurations'),
        t.configurations.length === 0
          ? h('div', { class: 'cw-empty' }, 'No configurations')
          : h(
              'ul',
              {},
              t.configurations.map((c) => h('li', { 'data-config-id': c.id }, `${c.name} (${c.type})`)),
            ),
      ),
      h(
        'div',
        { class: 'pod_ticketNotes' },
        h('h3', {}, 'Notes'),
        t.notes.length === 0
          ? h('div', { class: 'cw-empty' }, 'No notes')
          : t.notes.map((n) =>
              h(
                'div',
                { class: 'cw-note', 'data-note-id': n.id },
                h('div', { class: 'cw-note-header' }, `${n.author} · ${n.date} · ${n.flags.join(', ')}`),
                h('div', { class: 'cw-note-text' }, n.text),
              ),
            ),
      ),
    );
  }

  function boardView(b) {
    if (!b) return h('div', { class: 'cw-error' }, 'Board not found.');
    document.title = `Service Board - ${b.board.name}`;
    return h(
      'div',
      { class: 'cw-WorkspaceView', 'data-screen': 'sr200' },
      h(
        'div',
        { class: 'cw_CwHorizontalPanel mm_toolbar' },
        h('span', { class: 'navigationEntry cw_CwLabel' }, 'Service Board'),
        b.boards.map((x) =>
          h(
            'a',
            { class: 'cw-board-tab', href: boardUrl(x.id), onclick: staleNav({ view: 'board', id: x.id }) },
            x.name,
          ),
        ),
      ),
      h(
        'div',
        { class: 'cw_BannerView' },
        h('div', { class: 'detailLabel gwt-Label' }, `Service Board - ${b.board.name}`),
      ),
      h('div', { class: 'cw-ml-header' }, `${b.rows.length} open tickets`),
      h(
        'table',
        { class: 'srboard-grid' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Ticket #', 'Summary', 'Company', 'Status', 'Priority', 'Owner', ''].map((c) => h('th', {}, c)),
          ),
        ),
        h(
          'tbody',
          {},
          b.rows.map((r) =>
            h(
              'tr',
              { class: 'cw-ml-row', 'data-ticket-id': r.id },
              h(
                'td',
                {},
                h(
                  'a',
                  {
                    class: 'multilineClickable',
                    role: 'link',
                    tabindex: '0',
                    onclick: staleNav({ view: 'ticket', id: r.id }),
                  },
                  String(r.id),
                ),
              ),
              h(
                'td',
                {},
                h(
                  'a',
                  {
                    class: 'multilineClickable',
                    role: 'link',
                    tabindex: '0',
                    onclick: staleNav({ view: 'ticket', id: r.id }),
                  },
                  r.summary,
                ),
              ),
              h('td', {}, r.company),
              h('td', {}, r.status),
              h('td', {}, r.priority),
              h('td', {}, r.owner || ''),
              h(
                'td',
                {},
                h(
                  'a',
                  {
                    class: 'cw-open-url',
                    href: ticketUrl(r),
                    onclick: pushNav({ view: 'ticket', id: r.id }, ticketUrl(r)),
                  },
                  'Open',
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  window.addEventListener('popstate', (e) => show(e.state?.view ? e.state : routeFrom(location.href)));
  window.addEventListener('hashchange', () => show(routeFrom(location.href)));
  const initial = routeFrom(location.href);
  history.replaceState(initial, '', location.href);
  show(initial);
})();
