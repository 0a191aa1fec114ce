// Interface labels in Indonesian and English. Article text is never translated: only
// the words of the interface around it.

const LABELS = {
  id: {
    title: 'warta',
    search: 'Cari',
    query: 'Kata kunci',
    entity: 'Entitas',
    type: 'Jenis peristiwa',
    outlet: 'Media',
    since: 'Sejak',
    until: 'Hingga',
    month: 'Bulan',
    results: 'hasil',
    noResults: 'Tidak ada hasil.',
    previous: '← Sebelumnya',
    next: 'Berikutnya →',
    documents: 'dokumen',
    entities: 'entitas',
    quotes: 'kutipan',
    events: 'peristiwa',
    stories: 'berita',
    storyEvents: 'peristiwa nyata',
    mentions: 'sebutan',
    published: 'Terbit',
    source: 'Sumber',
    story: 'Kelompok berita',
    credits: 'Kredit',
    speaker: 'Penutur',
    unknownSpeaker: 'tidak disebut',
    kind: 'Jenis',
    direct: 'langsung',
    indirect: 'tidak langsung',
    act: 'Tindak tutur',
    cue: 'Kata pengantar',
    channel: 'Saluran',
    via: 'Rantai sumber',
    evidence: 'Kalimat bukti',
    span: 'Rentang (bita)',
    actor: 'Pelaku',
    recipient: 'Sasaran',
    place: 'Tempat',
    date: 'Tanggal',
    numbers: 'Angka',
    claimant: 'Diklaim oleh',
    negated: 'dibantah / tidak terjadi',
    modality: 'Modalitas',
    trigger: 'Kata pemicu',
    confidence: 'Keyakinan',
    clickQuote: 'Klik kutipan atau peristiwa untuk melihat catatannya.',
    roles: 'Jabatan',
    perMonth: 'Per bulan',
    asActor: 'sebagai pelaku',
    asRecipient: 'sebagai sasaran',
    country: 'Negara',
    notInKb: 'Tidak ada di basis pengetahuan.',
    loading: 'Memuat…',
    error: 'Galat',
    back: '← Kembali ke pencarian',
    language: 'English',
    all: 'semua',
    remove: 'hapus',
  },
  en: {
    title: 'warta',
    search: 'Search',
    query: 'Words',
    entity: 'Entity',
    type: 'Event type',
    outlet: 'Outlet',
    since: 'Since',
    until: 'Until',
    month: 'Month',
    results: 'results',
    noResults: 'No results.',
    previous: '← Previous',
    next: 'Next →',
    documents: 'documents',
    entities: 'entities',
    quotes: 'quotes',
    events: 'events',
    stories: 'stories',
    storyEvents: 'real events',
    mentions: 'mentions',
    published: 'Published',
    source: 'Source',
    story: 'Story',
    credits: 'Credits',
    speaker: 'Speaker',
    unknownSpeaker: 'not named',
    kind: 'Kind',
    direct: 'direct',
    indirect: 'indirect',
    act: 'Speech act',
    cue: 'Cue',
    channel: 'Channel',
    via: 'Source chain',
    evidence: 'Evidence sentence',
    span: 'Span (bytes)',
    actor: 'Actor',
    recipient: 'Recipient',
    place: 'Place',
    date: 'Date',
    numbers: 'Numbers',
    claimant: 'Claimed by',
    negated: 'denied / did not happen',
    modality: 'Modality',
    trigger: 'Trigger',
    confidence: 'Confidence',
    clickQuote: 'Click a quote or an event to see its record.',
    roles: 'Roles',
    perMonth: 'By month',
    asActor: 'as actor',
    asRecipient: 'as recipient',
    country: 'Country',
    notInKb: 'Not in the knowledge base.',
    loading: 'Loading…',
    error: 'Error',
    back: '← Back to search',
    language: 'Bahasa Indonesia',
    all: 'all',
    remove: 'remove',
  },
};

const STORAGE_KEY = 'warta-lang';

let current = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';

/** The label `key` in the current language (the key itself when a label is missing). */
export function t(key) {
  return LABELS[current][key] ?? key;
}

export function language() {
  return current;
}

/** Switches between Indonesian and English and remembers the choice. */
export function toggleLanguage() {
  current = current === 'id' ? 'en' : 'id';
  localStorage.setItem(STORAGE_KEY, current);
  document.documentElement.lang = current;
}

document.documentElement.lang = current;
