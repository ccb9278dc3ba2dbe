"""Helpers shared by the browser journeys."""

OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const extra = root.scrollWidth - root.clientWidth;
  if (extra <= 0) return [extra, ""];
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > root.clientWidth && (!widest || right > widest[0])) widest = [right, el];
  }
  const el = widest && widest[1];
  return [extra, el ? `${el.tagName.toLowerCase()}.${el.className} ${el.outerHTML.slice(0, 160)}` : ""];
}"""


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 or less: no horizontal scroll).

    Measured once the page and its stylesheets have loaded (an unstyled page may be wider for a
    moment); when it overflows, the failing assertion names the widest element."""
    page.wait_for_load_state("load")
    extra, culprit = page.evaluate(OVERFLOW_JS)
    if extra > 0:
        print(f"horizontal overflow {extra}px at {page.url}: {culprit}")
    return extra
