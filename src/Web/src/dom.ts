export type Child = Node | string | null | undefined | false | readonly Child[];
type AttributeValue = string | boolean | null | undefined;
type Attributes = Record<string, AttributeValue | ((event: Event) => void)>;

/**
 * Creates an element. Attributes set with `true` become empty attributes, `false`/`null`/`undefined` are left out,
 * functions under `on*` names become event listeners. Strings are always text, never parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...flatten(children));
  return element;
}

function flatten(children: readonly Child[]): (Node | string)[] {
  return children.flatMap((child): (Node | string)[] => {
    if (child === null || child === undefined || child === false) return [];
    if (typeof child === 'string' || child instanceof Node) return [child];
    return flatten(child);
  });
}
