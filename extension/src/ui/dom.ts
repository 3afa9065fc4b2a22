/** A tiny DOM builder: the views build plain elements (no framework), which keeps the bundle and the cells light. */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Creates `<tag>` with attributes (`on*` functions become listeners; `false`/`null`/`undefined` are left out; `class`
 * sets the class name) and children (strings become text nodes, falsy children are skipped).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nested arrays flattened, falsy skipped). */
export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A status chip: `tone` picks the colors (bad = red, warn = amber, ok = green, info = neutral). */
export function chip(text: string, tone: "bad" | "warn" | "ok" | "info", title?: string): HTMLSpanElement {
  return h("span", { class: `dl-chip dl-chip-${tone}`, title }, text);
}

/** A group of toggle buttons (one pressed at a time); calls `onChange` with the chosen value. */
export function segmented<T extends string>(
  label: string,
  options: readonly { value: T; label: string }[],
  initial: T,
  onChange: (value: T) => void,
): HTMLElement {
  const buttons = options.map((option) =>
    h(
      "button",
      {
        type: "button",
        class: "dl-segment",
        "data-value": option.value,
        "aria-pressed": option.value === initial ? "true" : "false",
        onclick: () => {
          for (const b of buttons)
            b.setAttribute("aria-pressed", b === button(option.value) ? "true" : "false");
          onChange(option.value);
        },
      },
      option.label,
    ),
  );
  const button = (value: T) => buttons[options.findIndex((o) => o.value === value)];
  return h("div", { class: "dl-segmented", role: "group", "aria-label": label }, buttons);
}

/** A collapsible section whose body is built the first time it opens (charts render lazily). */
export function lazySection(
  title: string,
  open: boolean,
  build: (body: HTMLElement) => void,
): HTMLDetailsElement {
  const body = h("div", { class: "dl-section-body" });
  const details = h("details", { class: "dl-section" }, h("summary", {}, title), body);
  let built = false;
  const ensure = () => {
    if (details.open && !built) {
      built = true;
      build(body);
    }
  };
  details.addEventListener("toggle", ensure);
  if (open) {
    details.open = true;
    queueMicrotask(ensure);
  }
  return details;
}
