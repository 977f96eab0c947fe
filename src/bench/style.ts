// What the HTML page and the SVG charts share: each implementation's colour, and escaping.
const COLORS: Record<string, string> = {
  native: '#1f6fb4',
  'native-stock': '#7fb2de',
  'native-unhardened': '#76b7b2',
  wasm: '#f28e2b',
  reference: '#59a14f',
  towns: '#e15759',
  c: '#555555',
  'c-wasm': '#9d6b3a',
  'wasm-browser': '#b07aa1',
};
export const colorOf = (id: string): string => COLORS[id] ?? (id.startsWith('c-') ? '#999999' : '#9c755f');

export const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]!};`);

/** 1, 10, 100, 1k, 10k, 100k, 1M: a decade's label on a log axis. */
export const decadeLabel = (exponent: number): string =>
  exponent >= 6
    ? `${10 ** (exponent - 6)}M`
    : exponent >= 3
      ? `${10 ** (exponent - 3)}k`
      : exponent >= 0
        ? `${10 ** exponent}`
        : (10 ** exponent).toFixed(-exponent);
