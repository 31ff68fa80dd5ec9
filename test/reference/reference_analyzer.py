#!/usr/bin/env python3
"""Reference analyser for the differential test of nb2prod's cell analysis (issue 3).

Reads a JSON list of cells, [{"id": ..., "source": ...}], on stdin, and prints one JSON
list with, per cell, {"id", "ok": true, "defines", "reads"} or {"id", "ok": false, "error"}
when Python's own parser (ast) or symbol table rejects the cell.

Standard library only. It is written independently of the TypeScript analyser: top-level
code is walked with `ast` in evaluation order, and everything inside function, lambda and
class bodies is resolved by CPython's `symtable`, which knows Python's real scoping rules.

It implements the same contract (issue 3, section 2), including these deliberate choices:
- `del x` reads `x` and binds nothing (also `global x; del x` in a function);
  `x: int` without a value binds nothing.
- `from __future__ import ...` binds nothing (it is a compiler directive).
- Names declared `global` in a function or class of the cell and assigned there are
  defined by the cell, and count as bound from the `def`/`class` statement on.
- "Earlier in evaluation order" is textual order of evaluation: a binding in one branch
  of an `if` counts as earlier for code after the `if`; a loop body is walked once.
- Class bodies follow the same rule as function bodies (a load counts unless the cell
  binds the name at top level anywhere), as the contract says.
"""
import ast
import builtins
import json
import symtable
import sys

BUILTINS = set(dir(builtins)) | {"display", "get_ipython"}
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def deferred_tables(table):
    """Symbol tables of bodies that run later: functions, lambdas, classes (and what they contain)."""
    for child in table.get_children():
        if child.get_type() in ("function", "class") and not is_comprehension_table(child):
            yield child
            yield from all_descendants(child)
        else:
            yield from deferred_tables(child)


def is_comprehension_table(table):
    return table.get_name() in ("listcomp", "setcomp", "genexpr", "dictcomp")


def all_descendants(table):
    for child in table.get_children():
        yield child
        yield from all_descendants(child)


def resolves_to_module(symbol):
    """Whether a symbol of a function or class table is the module's.

    Symbol.is_global() alone is not enough: CPython's symtable module treats every table
    named "top" as the module, so in `def top(self): ...` `self` would be global.
    """
    return symbol.is_declared_global() or (symbol.is_global() and not symbol.is_local())


def bound_names(node):
    """Names a subtree binds by assignment, import, def/class or except/match capture (not by `del`)."""
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            names.add(child.id)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in child.names)
        elif isinstance(child, DEFINITIONS):
            names.add(child.name)
        elif isinstance(child, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and child.name:
            names.add(child.name)
        elif isinstance(child, ast.MatchMapping) and child.rest:
            names.add(child.rest)
    return names


def declared_global_and_assigned(table):
    """Names a function/class body (or anything nested in it) declares global and binds or deletes."""
    names = set()
    for scope in [table, *all_descendants(table)]:
        for symbol in scope.get_symbols():
            if symbol.is_declared_global() and (symbol.is_assigned() or symbol.is_imported()):
                names.add(symbol.get_name())
    return names


class TopLevel(ast.NodeVisitor):
    """Walks module-level code in evaluation order; skips bodies of def, lambda and class."""

    def __init__(self, module_table):
        self.bound = set()
        self.defines = set()
        self.reads = set()
        self.comprehension_locals = []
        # `global x; del x` in a body: symtable calls it a binding, the contract a read.
        self.deleted_globals = set()
        self.tables = {}
        for child in module_table.get_children():
            self.tables.setdefault((child.get_name(), child.get_lineno()), child)

    def load(self, name):
        if any(name in local for local in self.comprehension_locals):
            return
        if name not in self.bound:
            self.reads.add(name)

    def bind(self, name):
        if any(name in local for local in self.comprehension_locals):
            return
        self.bound.add(name)
        self.defines.add(name)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.bind(node.id)
        else:
            self.load(node.id)  # Load, and Del: `del x` reads x

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self.load(node.target.id)
            self.visit(node.value)
            self.bind(node.target.id)
        else:
            self.visit(node.target)
            self.visit(node.value)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.visit(node.value)
            self.visit(node.target)
        elif not node.simple:
            # Without a value only an expression target is evaluated (`(x): int` loads x).
            if isinstance(node.target, ast.Name):
                self.load(node.target.id)
            else:
                self.visit(node.target)
        self.visit(node.annotation)

    def visit_NamedExpr(self, node):
        # `:=` inside a comprehension binds in the module, not in the comprehension.
        self.visit(node.value)
        self.bound.add(node.target.id)
        self.defines.add(node.target.id)

    def visit_For(self, node):
        self.visit(node.iter)
        self.visit(node.target)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.visit(node.type)
        if node.name is not None:
            self.bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def visit_Import(self, node):
        for alias in node.names:
            self.bind(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node):
        if node.module == "__future__":
            return
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name)

    def visit_arguments_defaults(self, args):
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)

    def visit_annotations(self, args):
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if arg is not None and arg.annotation is not None:
                self.visit(arg.annotation)

    def bind_definition(self, node):
        self.bind(node.name)
        table = self.tables.get((node.name, node.lineno))
        if table is not None:
            assigned = declared_global_and_assigned(table)
            bound = bound_names(node)
            self.deleted_globals |= assigned - bound
            for name in assigned & bound:
                self.bound.add(name)
                self.defines.add(name)

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.visit_arguments_defaults(node.args)
        self.visit_annotations(node.args)
        if node.returns is not None:
            self.visit(node.returns)
        self.bind_definition(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        for base in node.bases:
            self.visit(base)
        for keyword in node.keywords:
            self.visit(keyword.value)
        self.bind_definition(node)

    def visit_Lambda(self, node):
        self.visit_arguments_defaults(node.args)

    def visit_Global(self, node):
        pass

    visit_Nonlocal = visit_Global

    def visit_Dict(self, node):
        for key, value in zip(node.keys, node.values):
            if key is not None:
                self.visit(key)
            self.visit(value)

    def visit_comprehension_node(self, node):
        generators = node.generators
        self.visit(generators[0].iter)
        local = set()
        for generator in generators:
            for name in ast.walk(generator.target):
                if isinstance(name, ast.Name):
                    local.add(name.id)
        self.comprehension_locals.append(local)
        for index, generator in enumerate(generators):
            if index > 0:
                self.visit(generator.iter)
            self.visit(generator.target)
            for condition in generator.ifs:
                self.visit(condition)
        if isinstance(node, ast.DictComp):
            self.visit(node.key)
            self.visit(node.value)
        else:
            self.visit(node.elt)
        self.comprehension_locals.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_comprehension_node

    # match statement patterns
    def visit_MatchAs(self, node):
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name is not None:
            self.bind(node.name)

    def visit_MatchStar(self, node):
        if node.name is not None:
            self.bind(node.name)

    def visit_MatchMapping(self, node):
        for key in node.keys:
            self.visit(key)
        for pattern in node.patterns:
            self.visit(pattern)
        if node.rest is not None:
            self.bind(node.rest)


def analyze(source):
    tree = ast.parse(source)
    table = symtable.symtable(source, "<cell>", "exec")
    top = TopLevel(table)
    top.visit(tree)
    deferred_loads = set()
    for scope in deferred_tables(table):
        for symbol in scope.get_symbols():
            # In a function, `__class__` is the class cell symtable adds for `super()`.
            if symbol.get_name() == "__class__" and scope.get_type() == "function":
                continue
            if symbol.is_referenced() and resolves_to_module(symbol):
                deferred_loads.add(symbol.get_name())
    reads = top.reads | ((deferred_loads | top.deleted_globals) - top.defines)
    return {"defines": sorted(top.defines), "reads": sorted(reads - BUILTINS)}


def main():
    cells = json.load(sys.stdin)
    results = []
    for cell in cells:
        try:
            results.append({"id": cell["id"], "ok": True, **analyze(cell["source"])})
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            results.append({"id": cell["id"], "ok": False, "error": f"{type(error).__name__}: {error}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
