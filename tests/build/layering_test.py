#!/usr/bin/env python3
"""The module layering, checked on the sources (the build enforces it through the include paths;
this says in words which include crosses which layer).

Reads src/<module>/CMakeLists.txt: the PUBLIC_HEADERS of ceres_module() and the ceres_* libraries
of target_link_libraries(). Fails when
  - src/domain includes a header of another of our modules, or a header that is not the standard
    library's (domain is pure: it depends on nothing);
  - a module includes a header of a module it does not link (directly, or through a PUBLIC link);
  - a module includes another module's header that is not on that module's public list;
  - a public header includes a header of its own module that is not public;
  - the links between modules form a cycle;
  - a CMakeLists.txt adds ${PROJECT_SOURCE_DIR}/src (all of src/) as an include directory.
Usage: layering_test.py <source dir>
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
src = os.path.join(root, "src")
modules = sorted(d for d in os.listdir(src) if os.path.isfile(os.path.join(src, d, "CMakeLists.txt")))
include_re = re.compile(r'^\s*#\s*include\s*"([a-z_]+)/([^"]+)"', re.M)
angle_re = re.compile(r'^\s*#\s*include\s*<([^>]+)>', re.M)
errors = []

public, links = {}, {}
for m in modules:
    text = re.sub(r"#[^\n]*", "", open(os.path.join(src, m, "CMakeLists.txt")).read())
    found = re.search(r"ceres_module\(\s*NAME\s+" + m + r"\s+PUBLIC_HEADERS\s+([^)]*)\)", text)
    if not found:
        errors.append(f"src/{m}/CMakeLists.txt: no ceres_module(NAME {m} PUBLIC_HEADERS ...)")
        public[m] = set()
    else:
        public[m] = set(found.group(1).split())
    links[m] = {"PUBLIC": set(), "PRIVATE": set()}
    for call in re.findall(r"target_link_libraries\(\s*ceres_" + m + r"\s+([^)]*)\)", text):
        scope = "PUBLIC"
        for word in call.split():
            if word in ("PUBLIC", "PRIVATE", "INTERFACE"):
                scope = "PRIVATE" if word == "PRIVATE" else "PUBLIC"
            elif word.startswith("ceres_") and word[6:] in modules:
                links[m][scope].add(word[6:])
    if re.search(r"PROJECT_SOURCE_DIR\}/src\s*[)\s]", text) and "include_directories" in text:
        errors.append(f"src/{m}/CMakeLists.txt: adds all of src/ to the include path")

def visible(m):
    """Modules whose public headers m's sources see: its links, and what those link PUBLIC."""
    seen, todo = set(), list(links[m]["PUBLIC"] | links[m]["PRIVATE"])
    while todo:
        d = todo.pop()
        if d in seen:
            continue
        seen.add(d)
        todo.extend(links.get(d, {}).get("PUBLIC", ()))
    return seen

def check_cycles():
    state = {}
    def visit(m, path):
        if state.get(m) == "done":
            return
        if state.get(m) == "open":
            errors.append("module links form a cycle: " + " -> ".join(path + [m]))
            return
        state[m] = "open"
        for d in sorted(links[m]["PUBLIC"] | links[m]["PRIVATE"]):
            visit(d, path + [m])
        state[m] = "done"
    for m in modules:
        visit(m, [])

check_cycles()
for m in modules:
    sees = visible(m)
    for folder, _, files in os.walk(os.path.join(src, m)):
        for name in files:
            if not name.endswith((".h", ".hpp", ".cpp")):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, os.path.join(src, m))
            text = open(path, encoding="utf-8", errors="replace").read()
            for other, header in include_re.findall(text):
                where = f"src/{m}/{rel}: #include \"{other}/{header}\""
                if other == m:
                    if rel in public[m] and header not in public[m]:
                        errors.append(f"{where}: public header includes an internal one")
                    continue
                if other not in modules:
                    continue
                if m == "domain":
                    errors.append(f"{where}: domain depends on no other module")
                elif other not in sees:
                    errors.append(f"{where}: ceres_{m} does not link ceres_{other}")
                elif header not in public[other]:
                    errors.append(f"{where}: not a public header of ceres_{other}")
            if m == "domain":
                for header in angle_re.findall(text):
                    if "/" in header or header.endswith((".h", ".hpp")):
                        errors.append(f"src/domain/{rel}: #include <{header}>: domain uses the "
                                      "standard library only")

for top in ("tests", "fuzz", "bench"):
    for folder, _, files in os.walk(os.path.join(root, top)):
        if "node_modules" in folder:
            continue
        for name in files:
            if name == "CMakeLists.txt":
                text = open(os.path.join(folder, name)).read()
                if re.search(r"include_directories\([^)]*PROJECT_SOURCE_DIR\}/src[\s)]", text):
                    rel = os.path.relpath(os.path.join(folder, name), root)
                    errors.append(f"{rel}: adds all of src/ to the include path; link the module")

for e in errors:
    print(e)
if errors:
    sys.exit(1)
print(f"layering holds: {len(modules)} modules")
