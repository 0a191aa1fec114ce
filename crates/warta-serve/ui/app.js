// The web interface: one page, views chosen by the part of the URL after `#`:
//   #/search?q=…&entity=…   search with facets (the start page)
//   #/doc/ID                an article with its entities, quotes and events
//   #/entity/ID             an entity's page
//   #/timeline?entity=…     story events by day, each once with its number of reports
//   #/story-event/N         every report of one real-world event, claimants side by side
//   #/story/N               the copies of one text and their events
//   #/contradictions        numbers claimants disagree on
//   #/map?type=…            story events on a map of the world (an embedded base map)
// Everything comes from the JSON API of the same server; see dom.js for how data
// reaches the page (as text, never as HTML).

import { facts, h, highlighted, route, safeHref, svg, Utf8Text } from './dom.js';
import { t, toggleLanguage } from './i18n.js';

const top = document.getElementById('top');
const main = document.getElementById('main');

/** Search parameters the form and the facets set, in the API's names. */
const FILTERS = ['q', 'entity', 'type', 'outlet', 'since', 'until'];

/** Hits per page. */
const PAGE = 20;

/** Speaker colours: classes spk-0 … spk-7 in style.css. */
const SPEAKER_COLOURS = 8;

/** The PLOVER types warta codes (crates/warta-core/lang/id/events.toml). */
const PLOVER = [
  'ACCUSE', 'AGREE', 'AID', 'ASSAULT', 'COERCE', 'CONCEDE', 'CONSULT', 'COOPERATE',
  'MOBILIZE', 'PROTEST', 'REJECT', 'REQUEST', 'RETREAT', 'SANCTION', 'SUPPORT', 'THREATEN',
];

class ApiError extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body.error || `${response.status} ${response.statusText}`);
  return body;
}

// ---------------------------------------------------------------- header

/** The store does not change under a running server: its counts are asked once. */
let stats = null;

async function drawHeader() {
  const counts = h('span', { class: 'stats' });
  top.replaceChildren(
    h('a', { href: '#/search', class: 'brand' }, t('title')),
    h('nav', { class: 'views' },
      h('a', { href: '#/search' }, t('search')),
      h('a', { href: '#/timeline' }, t('timeline')),
      h('a', { href: '#/contradictions' }, t('contradictions')),
      h('a', { href: '#/map' }, t('map'))),
    counts,
    h('button', { type: 'button', class: 'lang', on: { click: () => { toggleLanguage(); render(); } } }, t('language')),
  );
  try {
    stats ??= api('/api/stats');
    const { documents, entities, quotes, events, stories, story_events: storyEvents } = await stats;
    counts.append(
      ...[
        ['documents', documents],
        ['entities', entities],
        ['quotes', quotes],
        ['events', events],
        ['stories', stories],
        ['storyEvents', storyEvents],
      ].map(([key, n]) => h('span', { class: 'stat' }, h('b', {}, n.toLocaleString()), ' ', t(key))),
    );
  } catch (error) {
    stats = null;
    counts.append(h('span', { class: 'error' }, `${t('error')}: ${error.message}`));
  }
}

// ---------------------------------------------------------------- search

/** A view's URL with its parameters, leaving out empty ones. */
function viewHash(view, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  return `#/${view}?${query}`;
}

function searchHash(params) {
  return viewHash('search', params);
}

/** The message of a failed request, with a way back. */
function failed(error) {
  main.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${error.message}`), h('a', { href: '#/search' }, t('back')));
}

async function drawSearch(params) {
  const form = h('form', { class: 'search', role: 'search' });
  const field = (name, type = 'text', extra = {}) =>
    h('label', {}, h('span', {}, t(name === 'q' ? 'query' : name)), h('input', { name, type, value: params[name] || '', ...extra }));
  const types = h('datalist', { id: 'plover' }, PLOVER.map((type) => h('option', { value: type })));
  form.append(
    field('q', 'search', { autofocus: 'autofocus', class: 'q' }),
    field('entity'),
    field('type', 'text', { list: 'plover' }),
    types,
    field('outlet'),
    field('since', 'date'),
    field('until', 'date'),
    h('button', { type: 'submit' }, t('search')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = searchHash(Object.fromEntries(FILTERS.map((key) => [key, data.get(key)])));
  });
  const results = h('section', { class: 'results' }, t('loading'));
  const facets = h('aside', { class: 'facets' });
  main.replaceChildren(form, h('div', { class: 'columns' }, facets, results));

  const offset = Number(params.offset) || 0;
  const query = new URLSearchParams();
  for (const key of FILTERS) if (params[key]) query.set(key, params[key]);
  query.set('limit', PAGE);
  query.set('offset', offset);
  let found;
  try {
    found = await api(`/api/search?${query}`);
  } catch (error) {
    results.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${error.message}`));
    return;
  }
  drawFacets(facets, found.facets, params);
  results.replaceChildren(
    h('p', { class: 'count' }, `${found.total.toLocaleString()} ${t('results')}`),
    found.hits.length ? h('ol', { class: 'hits', start: offset + 1 }, found.hits.map(drawHit)) : h('p', {}, t('noResults')),
    h('nav', { class: 'pages' },
      offset > 0 ? h('a', { href: searchHash({ ...params, offset: Math.max(0, offset - PAGE) }) }, t('previous')) : null,
      offset + PAGE < found.total ? h('a', { href: searchHash({ ...params, offset: offset + PAGE }) }, t('next')) : null),
  );
}

function drawHit(hit) {
  return h('li', { class: 'hit' },
    h('a', { href: route('doc', hit.id), class: 'title' }, hit.title || hit.source),
    h('div', { class: 'meta' }, [hit.outlet, hit.published, hit.url || hit.source].filter(Boolean).join(' · ')),
    h('p', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights)));
}

/** Facet values narrow the search; the chosen value of a facet can be taken off. */
function drawFacets(aside, facets, params) {
  const narrow = (changes) => searchHash({ ...params, ...changes, offset: 0 });
  const group = (title, values, filter, chosen) => {
    if (!values.length && !chosen) return null;
    return h('section', {},
      h('h3', {}, title),
      chosen ? h('p', { class: 'chosen' }, chosen, ' ', h('a', { href: narrow(filter(null)) }, `(${t('remove')})`)) : null,
      h('ul', {}, values.map((facet) => h('li', {},
        h('a', { href: narrow(filter(facet.value)) }, facet.label), ' ', h('span', { class: 'n' }, facet.documents)))));
  };
  const month = (value) => (value ? { since: `${value}-01`, until: `${value}-31` } : { since: null, until: null });
  aside.replaceChildren(...[
    group(t('entity'), facets.entities, (value) => ({ entity: value }), params.entity),
    group(t('type'), facets.event_types, (value) => ({ type: value }), params.type),
    group(t('outlet'), facets.outlets, (value) => ({ outlet: value }), params.outlet),
    group(t('month'), facets.months, month, params.since ? `${params.since} – ${params.until || ''}` : null),
  ].filter(Boolean));
}

// ---------------------------------------------------------------- article

/** A stable colour class per speaker, in order of first appearance in the article. */
function speakerColours(quotes) {
  const colours = new Map();
  for (const quote of quotes) {
    const key = speakerKey(quote.speaker);
    if (!colours.has(key)) colours.set(key, `spk-${colours.size % SPEAKER_COLOURS}`);
  }
  return colours;
}

function speakerKey(speaker) {
  return speaker ? speaker.id || speaker.name || speaker.description || '?' : '?';
}

function speakerName(speaker) {
  return speaker ? speaker.name || speaker.description || speaker.id : t('unknownSpeaker');
}

/**
 * The clean text as paragraphs, cut at every span boundary; each piece is wrapped in
 * the quote, entity mention and event trigger that cover it. Spans are byte ranges.
 */
function drawText(analysis, colours, select) {
  const text = new Utf8Text(analysis.text);
  const mentions = analysis.entities.flatMap((entity) =>
    entity.mentions.map((mention) => ({ ...mention.span, entity })));
  const triggers = analysis.events.map((event, index) => ({ ...event.trigger.span, index }));
  const quotes = analysis.quotes.map((quote, index) => ({ ...quote.span, index, quote }));
  const paragraphs = analysis.paragraphs.length ? analysis.paragraphs : [{ start: 0, end: text.length }];
  const cuts = new Set();
  for (const span of [...mentions, ...triggers, ...quotes]) cuts.add(span.start).add(span.end);
  const covering = (spans, start, end) => spans.find((span) => span.start <= start && end <= span.end);
  return paragraphs.map((paragraph, number) => {
    const points = [paragraph.start, ...[...cuts].filter((c) => c > paragraph.start && c < paragraph.end).sort((a, b) => a - b), paragraph.end];
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [start, end] = [points[i], points[i + 1]];
      let piece = text.slice(start, end);
      const mention = covering(mentions, start, end);
      const trigger = covering(triggers, start, end);
      if (mention) {
        piece = h('a', { href: route('entity', mention.entity.id), class: `ent ent-${mention.entity.type}`, title: `${mention.entity.name} (${mention.entity.id})` }, piece);
      }
      if (trigger) {
        piece = h('mark', { class: 'trigger', dataset: { event: trigger.index }, on: { click: (e) => { e.preventDefault(); select('event', trigger.index); } } }, piece);
      }
      const quote = covering(quotes, start, end);
      if (quote) {
        piece = h('span', {
          class: `quote ${colours.get(speakerKey(quote.quote.speaker))}`,
          dataset: { quote: quote.index },
          title: speakerName(quote.quote.speaker),
          on: { click: (e) => { if (!e.target.closest('a')) select('quote', quote.index); } },
        }, piece);
      }
      pieces.push(piece);
    }
    return h(number === 0 && analysis.title_span ? 'h2' : 'p', {}, pieces);
  });
}

function quoteRecord(analysis, index) {
  const quote = analysis.quotes[index];
  const text = new Utf8Text(analysis.text);
  const speaker = quote.speaker;
  return h('div', { class: 'record' },
    h('h3', {}, t('quotes')),
    h('blockquote', {}, quote.text),
    facts([
      [t('speaker'), speaker && speaker.id ? h('a', { href: route('entity', speaker.id) }, speakerName(speaker)) : speakerName(speaker)],
      [t('kind'), t(quote.kind)],
      [t('act'), quote.act],
      [t('cue'), quote.cue && quote.cue.word],
      [t('channel'), quote.channel],
      [t('via'), quote.via.length ? h('ol', { class: 'chain' }, quote.via.map((link) => h('li', {}, link.name, ' ', h('span', { class: 'role' }, link.role), link.evidence ? h('q', {}, link.evidence) : null))) : null],
      [t('evidence'), text.slice(quote.evidence.start, quote.evidence.end)],
      [t('span'), `${quote.span.start}–${quote.span.end}`],
    ]));
}

function party(actor) {
  if (!actor) return null;
  return actor.id ? h('a', { href: route('entity', actor.id) }, actor.name) : actor.name;
}

function eventLine(event) {
  return [
    h('b', {}, event.type), event.mode ? ` (${event.mode})` : '', ' ',
    event.negated ? h('span', { class: 'negated' }, `[${t('negated')}] `) : null,
    party(event.actor) || '?', ' → ', party(event.recipient) || '?',
    event.location ? ` @ ${event.location.name}` : '',
    event.date ? ` · ${event.date}` : '',
  ];
}

function eventRecord(analysis, index) {
  const event = analysis.events[index];
  const text = new Utf8Text(analysis.text);
  return h('div', { class: 'record' },
    h('h3', {}, eventLine(event)),
    facts([
      [t('actor'), party(event.actor)],
      [t('recipient'), party(event.recipient)],
      [t('place'), event.location && event.location.name],
      [t('date'), event.date && `${event.date} (${event.date_precision || ''}, ${event.date_basis || ''})`],
      [t('numbers'), event.quantities.map((q) => q.text).join('; ')],
      [t('claimant'), party(event.claimed_by)],
      [t('modality'), event.modality],
      [t('trigger'), event.trigger.word],
      [t('confidence'), event.confidence.toFixed(2)],
      [t('evidence'), text.slice(event.evidence.start, event.evidence.end)],
    ]));
}

async function drawDocument(id) {
  main.replaceChildren(h('p', {}, t('loading')));
  let stored;
  try {
    stored = await api(`/api/documents/${encodeURIComponent(id)}`);
  } catch (error) {
    failed(error);
    return;
  }
  const analysis = stored.analysis;
  const colours = speakerColours(analysis.quotes);
  const record = h('div', { class: 'panel' }, h('p', { class: 'hint' }, t('clickQuote')));
  const body = h('article', { class: 'text' });
  const select = (kind, index) => {
    for (const marked of body.querySelectorAll('.selected')) marked.classList.remove('selected');
    const attribute = kind === 'quote' ? 'data-quote' : 'data-event';
    const pieces = body.querySelectorAll(`[${attribute}="${Number(index)}"]`);
    for (const piece of pieces) piece.classList.add('selected');
    if (pieces.length) pieces[0].scrollIntoView({ block: 'nearest' });
    record.replaceChildren(kind === 'quote' ? quoteRecord(analysis, index) : eventRecord(analysis, index));
  };
  body.append(...drawText(analysis, colours, select));
  const url = analysis.url ? h('a', { href: safeHref(analysis.url), rel: 'noopener noreferrer' }, analysis.url) : analysis.source;
  const speakers = [...colours.entries()].map(([key, colour]) => {
    const quote = analysis.quotes.find((q) => speakerKey(q.speaker) === key);
    return h('li', {}, h('span', { class: `swatch ${colour}` }, '■'), ' ', speakerName(quote.speaker));
  });
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/search' }, t('back'))),
    facts([
      [t('outlet'), analysis.outlet],
      [t('published'), analysis.published],
      [t('source'), url],
      [t('story'), stored.story === null ? null : h('a', { href: route('story', stored.story) }, stored.story)],
      [t('credits'), analysis.credits.map((credit) => `${credit.name} (${credit.how})`).join(', ')],
    ]),
    h('div', { class: 'columns doc' },
      body,
      h('aside', {},
        record,
        h('section', {}, h('h3', {}, `${t('speaker')} (${analysis.quotes.length} ${t('quotes')})`), h('ul', { class: 'speakers' }, speakers)),
        h('section', {}, h('h3', {}, `${analysis.events.length} ${t('events')}`),
          h('ul', { class: 'events' }, analysis.events.map((event, index) =>
            h('li', {}, h('a', { href: '#', on: { click: (e) => { e.preventDefault(); select('event', index); } } }, eventLine(event)))))),
        h('section', {}, h('h3', {}, `${analysis.entities.length} ${t('entities')}`),
          h('ul', { class: 'entities' }, analysis.entities.map((entity) =>
            h('li', {}, h('a', { href: route('entity', entity.id), class: `ent ent-${entity.type}` }, entity.name), ' ', h('span', { class: 'n' }, `${entity.mentions.length}`))))))),
  );
}

// ---------------------------------------------------------------- entity

function rowsTable(rows, columns) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(([, label]) => h('th', {}, label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([key, , link]) =>
      h('td', {}, link ? link(row) : row[key] ?? ''))))));
}

async function drawEntity(id) {
  main.replaceChildren(h('p', {}, t('loading')));
  let profile;
  try {
    profile = await api(`/api/entities/${encodeURIComponent(id)}`);
  } catch (error) {
    failed(error);
    return;
  }
  const entity = profile.entity;
  const roles = profile.kb ? profile.kb.roles || [] : [];
  const busiest = Math.max(1, ...profile.months.map((m) => m.quotes + m.events_as_actor1 + m.events_as_actor2));
  const docLink = (row) => h('a', { href: route('doc', row.document) }, row.outlet || row.source);
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/search' }, t('back'))),
    h('h2', {}, entity.name),
    facts([
      ['id', entity.entity_id],
      [t('kind'), [entity.entity_type, entity.kind].filter(Boolean).join(', ')],
      [t('country'), entity.country],
      [t('documents'), entity.documents],
      [t('mentions'), entity.mentions],
    ]),
    h('p', {}, h('a', { href: searchHash({ entity: entity.entity_id }) }, `${t('search')}: ${entity.name}`)),
    h('h3', {}, t('roles')),
    profile.kb
      ? h('ul', {}, roles.map((role) => h('li', {}, role.title || role.cameo || '', ` (${role.from || '…'} – ${role.to || '…'})`)))
      : h('p', {}, t('notInKb')),
    h('h3', {}, t('perMonth')),
    rowsTable(profile.months, [
      ['month', t('month')],
      ['quotes', t('quotes')],
      ['events_as_actor1', t('asActor')],
      ['events_as_actor2', t('asRecipient')],
      ['', '', (m) => h('progress', { max: busiest, value: m.quotes + m.events_as_actor1 + m.events_as_actor2 })],
    ]),
    h('h3', {}, `${t('quotes')} (${profile.quotes.length})`),
    rowsTable(profile.quotes, [
      ['published', t('published')],
      ['outlet', t('outlet'), docLink],
      ['act', t('act')],
      ['quote', t('quotes')],
    ]),
    h('h3', {}, `${t('events')} (${profile.events.length})`),
    rowsTable(profile.events, [
      ['event_date', t('date')],
      ['event_type', t('type')],
      ['actor1', t('actor')],
      ['actor2', t('recipient')],
      ['location', t('place')],
      ['numbers', t('numbers')],
      ['outlet', t('outlet'), docLink],
    ]),
  );
}

// ---------------------------------------------------------------- events over articles

/** Timeline entries per page. */
const TIMELINE_PAGE = 100;

const TIMELINE_FILTERS = ['entity', 'place', 'type', 'since', 'until'];

/** A filter form for a view: its fields, submitted into the view's URL. */
function filterForm(view, names, params) {
  const form = h('form', { class: 'search' },
    names.map((name) => h('label', {}, h('span', {}, t(name)),
      h('input', { name, type: name === 'since' || name === 'until' ? 'date' : 'text', value: params[name] || '', list: name === 'type' ? 'plover' : null }))),
    h('datalist', { id: 'plover' }, PLOVER.map((type) => h('option', { value: type }))),
    h('button', { type: 'submit' }, t('filter')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = viewHash(view, Object.fromEntries(names.map((name) => [name, data.get(name)])));
  });
  return form;
}

/** Who did what to whom, where, from an events row. */
function rowLine(row) {
  const party = (name, id) => (name ? (id ? h('a', { href: route('entity', id) }, name) : name) : '?');
  return [
    h('b', {}, row.event_type), row.event_mode ? ` (${row.event_mode})` : '', ' ',
    row.negated ? h('span', { class: 'negated' }, `[${t('negated')}] `) : null,
    party(row.actor1, row.actor1_id), ' → ', party(row.actor2, row.actor2_id),
    row.location ? ` @ ${row.location}` : '',
    row.numbers ? ` · ${row.numbers}` : '',
  ];
}

async function drawTimeline(params) {
  const list = h('section', {}, t('loading'));
  main.replaceChildren(h('h2', {}, t('timeline')), filterForm('timeline', TIMELINE_FILTERS, params), list);
  const offset = Number(params.offset) || 0;
  const query = new URLSearchParams({ limit: TIMELINE_PAGE, offset });
  for (const key of TIMELINE_FILTERS) if (params[key]) query.set(key, params[key]);
  let timeline;
  try {
    timeline = await api(`/api/timeline?${query}`);
  } catch (error) {
    list.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${error.message}`));
    return;
  }
  const days = [];
  for (const entry of timeline.entries) {
    const day = entry.dated ? entry.day : `${entry.day} (${t('publishedDay')})`;
    if (!days.length || days[days.length - 1].day !== day) days.push({ day, entries: [] });
    days[days.length - 1].entries.push(entry);
  }
  list.replaceChildren(
    h('p', { class: 'count' }, `${timeline.total.toLocaleString()} ${t('storyEvents')}`),
    h('div', {}, days.map(({ day, entries }) => h('section', { class: 'day' },
      h('h3', {}, day),
      h('ul', {}, entries.map((entry) => h('li', {},
        rowLine(entry.event), ' ',
        entry.story_event === null ? null : h('a', { href: route('story-event', entry.story_event), class: 'n' },
          `[${entry.reports} ${t('reports')}]`))))))),
    h('nav', { class: 'pages' },
      offset > 0 ? h('a', { href: viewHash('timeline', { ...params, offset: Math.max(0, offset - TIMELINE_PAGE) }) }, t('previous')) : null,
      offset + TIMELINE_PAGE < timeline.total ? h('a', { href: viewHash('timeline', { ...params, offset: offset + TIMELINE_PAGE }) }, t('next')) : null),
  );
}

/** The columns of one report of an event, claimant and numbers first: label keys. */
const REPORT_COLUMNS = [
  ['claimant', 'claimant'],
  ['numbers', 'numbers'],
  ['outlet', 'outlet', (row) => h('a', { href: route('doc', row.document) }, row.outlet || row.source)],
  ['published', 'published'],
  ['event_date', 'date'],
  ['actor1', 'actor'],
  ['actor2', 'recipient'],
  ['location', 'place'],
  ['evidence', 'evidence'],
];

async function drawStoryEvent(id) {
  main.replaceChildren(h('p', {}, t('loading')));
  let events;
  try {
    events = await api(`/api/events?story_event=${encodeURIComponent(id)}&limit=200`);
  } catch (error) {
    failed(error);
    return;
  }
  const rows = events.rows;
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/timeline' }, `← ${t('timeline')}`)),
    h('h2', {}, `${t('storyEvent')} ${id}`),
    rows.length ? h('p', {}, rowLine(rows[0])) : h('p', {}, t('noResults')),
    h('p', { class: 'count' }, `${rows.length} ${t('reports')}`),
    rowsTable(rows, REPORT_COLUMNS.map(([key, label, link]) => [key, t(label), link])),
  );
}

async function drawStory(id) {
  main.replaceChildren(h('p', {}, t('loading')));
  let story;
  try {
    story = await api(`/api/stories/${encodeURIComponent(id)}`);
  } catch (error) {
    failed(error);
    return;
  }
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/search' }, t('back'))),
    h('h2', {}, story.story.title || `${t('story')} ${id}`),
    facts([
      [t('story'), story.story.story],
      [t('outlet'), story.story.outlets],
      [t('firstPublished'), story.story.first_published],
      [t('lastPublished'), story.story.last_published],
    ]),
    h('h3', {}, `${story.documents.length} ${t('documents')}`),
    rowsTable(story.documents, [
      ['title', t('headline'), (row) => h('a', { href: route('doc', row.document) }, row.title || row.source)],
      ['outlet', t('outlet')],
      ['published', t('published')],
      ['quotes', t('quotes')],
      ['events', t('events')],
    ]),
    h('h3', {}, `${story.events.length} ${t('events')}`),
    h('ul', {}, story.events.map((row) => h('li', {}, rowLine(row), ' ',
      row.story_event === null ? null : h('a', { href: route('story-event', row.story_event), class: 'n' }, `[${t('storyEvent')} ${row.story_event}]`)))),
  );
}

const CONTRADICTION_FILTERS = ['type', 'since', 'until'];

async function drawContradictions(params) {
  const list = h('section', {}, t('loading'));
  main.replaceChildren(h('h2', {}, t('contradictions')), filterForm('contradictions', CONTRADICTION_FILTERS, params), list);
  const query = new URLSearchParams({ limit: 200 });
  for (const key of CONTRADICTION_FILTERS) if (params[key]) query.set(key, params[key]);
  let found;
  try {
    found = await api(`/api/contradictions?${query}`);
  } catch (error) {
    list.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${error.message}`));
    return;
  }
  // Rows come ordered by story event: one table per event, one row per claimed number.
  const groups = [];
  for (const row of found.rows) {
    if (!groups.length || groups[groups.length - 1][0].story_event !== row.story_event) groups.push([]);
    groups[groups.length - 1].push(row);
  }
  list.replaceChildren(...(groups.length ? groups.map((rows) => {
    const first = rows[0];
    return h('section', { class: 'dispute' },
      h('h3', {},
        h('a', { href: route('story-event', first.story_event) }, `${first.event_date || '?'} · ${first.event_type}`),
        ` ${first.actor1 || '?'} → ${first.actor2 || '?'}${first.location ? ` @ ${first.location}` : ''}`),
      rowsTable(rows, [
        ['claimant', t('claimant')],
        ['value', t('value'), (row) => `${row.approx ? '~' : ''}${row.value}${row.max !== null && row.max !== row.value ? `–${row.max}` : ''} ${row.unit}`],
        ['number_text', t('words')],
        ['outlet', t('outlet')],
        ['source', t('source'), (row) => (/^https?:\/\//.test(row.source) ? h('a', { href: safeHref(row.source), rel: 'noopener noreferrer' }, row.source) : row.source)],
      ]));
  }) : [h('p', {}, t('noContradictions'))]));
}

// ---------------------------------------------------------------- map

/** Story events a map shows at most (the first by day): narrow the filters for others. */
const MAP_EVENTS = 200;

const MAP_FILTERS = ['type', 'since', 'until'];

/** The land outlines, fetched once: plate carrée, x = longitude, y = -latitude. */
let land = null;

async function drawMap(params) {
  const area = h('section', {}, t('loading'));
  main.replaceChildren(h('h2', {}, t('map')), filterForm('map', MAP_FILTERS, params), area);
  const query = new URLSearchParams({ limit: MAP_EVENTS });
  for (const key of MAP_FILTERS) if (params[key]) query.set(key, params[key]);
  let found;
  try {
    land ??= api('/ui/land.json');
    [found, land] = await Promise.all([api(`/api/story-events?${query}`), land]);
  } catch (error) {
    land = null;
    area.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${error.message}`));
    return;
  }
  const placed = found.rows.filter((row) => row.latitude !== null && row.longitude !== null);
  // Frame the events with a margin, at least a region's width; the world without any.
  let [west, east, north, south] = [-180, 180, 90, -90];
  if (placed.length) {
    const lons = placed.map((row) => row.longitude);
    const lats = placed.map((row) => row.latitude);
    const pad = (low, high, least) => {
      const span = Math.max(high - low, least);
      const middle = (low + high) / 2;
      return [middle - span * 0.6, middle + span * 0.6];
    };
    [west, east] = pad(Math.min(...lons), Math.max(...lons), 30);
    [south, north] = pad(Math.min(...lats), Math.max(...lats), 20);
  }
  const scale = Math.max(east - west, north - south) / 120;
  const map = svg('svg', { class: 'map', viewBox: `${west} ${-north} ${east - west} ${north - south}`, role: 'img' },
    svg('rect', { x: -180, y: -90, width: 360, height: 180, class: 'sea' }),
    svg('path', { d: land.d, class: 'land' }),
    placed.map((row) => svg('a', { href: route('story-event', row.story_event) },
      svg('circle', { cx: row.longitude, cy: -row.latitude, r: scale * Math.sqrt(row.reports), class: 'place' },
        svg('title', {}, `${row.event_date || '?'} ${row.event_type} ${row.actor1 || '?'} → ${row.actor2 || '?'} @ ${row.location} (${row.reports} ${t('reports')})`)))));
  area.replaceChildren(
    h('p', { class: 'count' }, `${placed.length} / ${found.rows.length} ${t('storyEvents')} ${t('placed')}`),
    map,
    h('ul', { class: 'places' }, placed.map((row) => h('li', {},
      h('a', { href: route('story-event', row.story_event) }, `${row.event_date || '?'} · ${row.event_type}`),
      ` ${row.actor1 || '?'} → ${row.actor2 || '?'} @ ${row.location} `, h('span', { class: 'n' }, `[${row.reports} ${t('reports')}]`)))),
    h('p', { class: 'credit' }, t('mapCredit')),
  );
}

// ---------------------------------------------------------------- routing

function render() {
  drawHeader();
  const hash = location.hash.slice(1) || '/search';
  const [path, query = ''] = hash.split('?');
  const [, view, ...rest] = path.split('/');
  const id = decodeURIComponent(rest.join('/'));
  const params = Object.fromEntries(new URLSearchParams(query));
  if (view === 'doc' && id) drawDocument(id);
  else if (view === 'entity' && id) drawEntity(id);
  else if (view === 'timeline') drawTimeline(params);
  else if (view === 'story-event' && id) drawStoryEvent(id);
  else if (view === 'story' && id) drawStory(id);
  else if (view === 'contradictions') drawContradictions(params);
  else if (view === 'map') drawMap(params);
  else drawSearch(params);
}

window.addEventListener('hashchange', render);
render();
