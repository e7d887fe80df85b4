"""Script-injection payloads and a checker for executable output in HTML."""

import json
import re

import lxml.html

# The classes of OWASP's XSS filter-evasion cheat sheet, obfuscated javascript: and
# data: links, and the mutation-XSS shapes known to have bypassed sanitizers
# (ammonia/DOMPurify: namespace confusion through svg/math, style and noscript).
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "'';!--\"<XSS>=&{()}",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<img src=x onerror=alert(1)//",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg/onload=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>"
    "</mglyph></table></mtext></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    '<table><td background="javascript:alert(1)">x</td></table>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "<blockquote cite=javascript:alert(1)>q</blockquote>",
    "{{ 7|add:7 }} {% now 'Y' %}",
]

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "background", "data", "poster",
    "xlink:href", "cite", "srcset", "content",
}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
ALWAYS_FORBIDDEN = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
PUBLIC_FORBIDDEN = ALWAYS_FORBIDDEN | {"svg", "math", "style", "template", "noscript"}


def executable_output(html: str, *, admin: bool = False) -> list[str]:
    """What in ``html`` could run script; empty when nothing can."""
    problems = []
    tree = lxml.html.document_fromstring(html)
    forbidden = ALWAYS_FORBIDDEN if admin else PUBLIC_FORBIDDEN
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in forbidden:
            problems.append(f"<{tag}> element")
        if tag == "script":
            kind = (element.get("type") or "").lower()
            if kind == "application/ld+json":
                try:
                    json.loads(element.text or "")
                except ValueError:
                    problems.append("JSON-LD that does not parse (broken out?)")
            elif kind == "importmap" and admin:
                if not element.get("nonce"):
                    problems.append("import map without nonce")
            elif not re.match(r"^/(?!/)", element.get("src") or ""):  # same origin
                problems.append(f"script: {lxml.html.tostring(element)[:80]!r}")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append("meta refresh")
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                problems.append(f"event attribute {name} on <{tag}>")
            if lowered in URL_ATTRIBUTES:
                compact = re.sub(r"[\x00-\x20]+", "", value)
                if BAD_SCHEME.match(compact) and not (
                    tag == "img" and compact.startswith("data:image/")
                ):
                    problems.append(f"{name}={value[:40]!r} on <{tag}>")
            if lowered == "style" and re.search(
                r"javascript:|expression\(", value, re.I
            ):
                problems.append(f"style with script on <{tag}>")
    return problems
