// Runs in the page (read as text and passed to page.evaluate): every visible text whose colour against its
// background is below `min` (WCAG 2 contrast ratio), as "text: ratio". The background is the first opaque one
// among the element and its ancestors (through shadow roots); a translucent text colour is blended on it.
(min) => {
  const parse = value => {
    const m = /rgba?\(([^)]+)\)/.exec(value);
    if (!m) { return [0, 0, 0, 0]; }
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const channel = c => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const parentOf = node => node.parentElement ?? (node.getRootNode() instanceof ShadowRoot ? node.getRootNode().host : null);
  const background = start => {
    for (let node = start; node; node = parentOf(node)) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] >= 0.99) { return colour; }
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor);
  };
  const found = [];
  const visit = scope => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.shadowRoot) { visit(element.shadowRoot); }
      const text = [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent ?? '').join('').trim();
      if (!text || ['STYLE', 'SCRIPT', 'TITLE', 'OPTION'].includes(element.tagName)) { continue; }
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (box.width === 0 || style.visibility === 'hidden' || element.closest('[hidden]')) { continue; }
      const fg = parse(style.color);
      const bg = background(element);
      const seen = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
      const [hi, lo] = [luminance(seen), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < min) { found.push(`${element.tagName.toLowerCase()}.${element.className}: ${text.slice(0, 40)}: ${ratio.toFixed(2)}`); }
    }
  };
  visit(document);
  return found;
}
