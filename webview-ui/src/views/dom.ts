// A tiny element builder, so views read as structure; text always goes in as text, never as HTML.
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) { continue; }
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) { continue; }
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Buttons from @vscode-elements answer Enter and Space themselves; this only wires the click. */
export function button(label: string, onClick: () => void, attrs?: Attrs): HTMLElement {
  const element = h('vscode-button' as keyof HTMLElementTagNameMap, attrs, label) as HTMLElement;
  element.addEventListener('click', () => { if (!element.hasAttribute('disabled')) { onClick(); } });
  return element;
}
