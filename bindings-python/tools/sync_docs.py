"""Writes the stub's docstrings (python/passforge/_native.pyi) into the Rust sources as
`///` comments, so that help() shows them (tests/test_docs_and_packaging.py fails when the
two differ). Run from bindings-python/: python tools/sync_docs.py . (--check: write nothing)"""
import ast, re, sys, pathlib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
stub = ast.parse((root / "python/passforge/_native.pyi").read_text())
classes, functions = {}, {}
for node in stub.body:
    if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
        doc = ast.get_docstring(node)
        methods = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and ast.get_docstring(item):
                methods[item.name] = ast.get_docstring(item)
        classes[node.name] = (doc, methods)
    elif isinstance(node, ast.FunctionDef) and ast.get_docstring(node):
        functions[node.name] = ast.get_docstring(node)

def doc_lines(doc, indent):
    return [f"{indent}///" + (f" {l}" if l else "") for l in doc.split("\n")]

def set_doc(lines, target, doc, indent):
    """Replace the /// lines in the preamble (docs, attributes, comments) above lines[target]."""
    start = target
    while start > 0 and lines[start - 1].strip() and (lines[start - 1].lstrip().startswith("//") or not lines[start - 1].rstrip().endswith(("{", "}", ";"))):
        start -= 1
    pre = [l for l in lines[start:target] if not l.lstrip().startswith("///")]
    new = doc_lines(doc, indent) + pre
    lines[start:target] = new
    return target - (target - start) + len(new)

found = set()
for path in sorted((root / "src").glob("*.rs")):
    lines = path.read_text().split("\n")
    # classes
    i = 0
    while i < len(lines):
        m = re.match(r'#\[pyclass\(.*name = "(\w+)"', lines[i])
        if m and m.group(1) in classes and classes[m.group(1)][0]:
            found.add(("class", m.group(1)))
            i = set_doc(lines, i, classes[m.group(1)][0], "")
        i += 1
    # pyfunctions
    i = 0
    while i < len(lines):
        m = re.match(r"pub\(crate\) fn (\w+)", lines[i])
        if m and m.group(1) in functions and any(l.startswith("#[pyfunction") for l in lines[max(0,i-4):i]):
            found.add(("function", m.group(1)))
            i = set_doc(lines, i, functions[m.group(1)], "")
        i += 1
    # methods
    current = None
    i = 0
    while i < len(lines):
        m = re.match(r"impl (\w+) \{", lines[i])
        if m and i > 0 and lines[i - 1].startswith("#[pymethods]"):
            current = m.group(1)
        elif lines[i] == "}":
            current = None
        m = re.match(r"    fn (\w+)\b", lines[i])
        if current and m:
            # the Python class name: the struct's pyclass name is the Rust name here
            methods = classes.get(current, (None, {}))[1]
            if m.group(1) in methods:
                found.add(("method", current, m.group(1)))
                i = set_doc(lines, i, methods[m.group(1)], "    ")
        i += 1
    text = "\n".join(lines)
    if "--check" not in sys.argv:
        path.write_text(text)

for name, (doc, methods) in classes.items():
    if doc and ("class", name) not in found:
        print("class not found:", name)
    for meth in methods:
        if ("method", name, meth) not in found:
            print("method not found:", name, meth)
for name in functions:
    if ("function", name) not in found:
        print("function not found:", name)
