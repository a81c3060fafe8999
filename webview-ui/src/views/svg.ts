// SVG building blocks for the card overlay: elements in the SVG namespace, and rectangles set from pixel boxes.
import type { PixelBox } from '../../../src/protocol/index';

const svgNs = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) { element.setAttribute(name, String(value)); }
  return element;
}

export function setBox(rect: SVGRectElement, box: PixelBox): void {
  rect.setAttribute('x', String(box.x0));
  rect.setAttribute('y', String(box.y0));
  rect.setAttribute('width', String(Math.max(0, box.x1 - box.x0)));
  rect.setAttribute('height', String(Math.max(0, box.y1 - box.y0)));
}
