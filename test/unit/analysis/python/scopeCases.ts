// Hand-written cases for `defines` and `reads` (issue 3, section 2), one rule each. The
// TypeScript analyser is tested against them (names.test.ts) and so is the Python
// reference analyser (differential.test.ts), so both implement the same contract.

export interface ScopeCase {
  readonly rule: string;
  readonly source: string;
  readonly defines: readonly string[];
  readonly reads: readonly string[];
}

const lines = (...parts: string[]): string => parts.join("\n");

export const SCOPE_CASES: readonly ScopeCase[] = [
  // Assignment targets
  { rule: "plain assignment binds, its value reads", source: "x = y", defines: ["x"], reads: ["y"] },
  { rule: "x = x + 1 reads x", source: "x = x + 1", defines: ["x"], reads: ["x"] },
  { rule: "augmented assignment reads and binds", source: "total += step", defines: ["total"], reads: ["step", "total"] },
  { rule: "augmented assignment after a binding reads nothing", source: "n = 0\nn += 1", defines: ["n"], reads: [] },
  { rule: "chained assignment binds every target", source: "a = b = c", defines: ["a", "b"], reads: ["c"] },
  { rule: "tuple unpacking", source: "a, b = pair", defines: ["a", "b"], reads: ["pair"] },
  { rule: "nested and starred unpacking", source: "[first, (second, *rest)] = items", defines: ["first", "rest", "second"], reads: ["items"] },
  { rule: "starred target first", source: "*head, tail = seq", defines: ["head", "tail"], reads: ["seq"] },
  { rule: "annotated assignment reads its annotation", source: "n: Count = start", defines: ["n"], reads: ["Count", "start"] },
  { rule: "annotation without value binds nothing", source: "n: int", defines: [], reads: [] },
  { rule: "an expression target without value is evaluated, not bound", source: "obj.size: int\n(x): float", defines: [], reads: ["obj", "x"] },
  { rule: "attribute target reads its object", source: "cfg.lr = rate", defines: [], reads: ["cfg", "rate"] },
  { rule: "subscript target reads object and key", source: "table[key] = value", defines: [], reads: ["key", "table", "value"] },
  { rule: "value evaluated before targets", source: "x, y = y, x", defines: ["x", "y"], reads: ["x", "y"] },
  { rule: "binding earlier in the cell hides the read", source: "x = 1\nprint(x)", defines: ["x"], reads: [] },
  { rule: "read before binding counts", source: "print(x)\nx = 1", defines: ["x"], reads: ["x"] },
  // for / while / if / with / try / match
  { rule: "for target bound before the body", source: "for x in xs:\n    f(x)", defines: ["x"], reads: ["f", "xs"] },
  { rule: "for unpacking and else", source: "for i, (a, b) in rows:\n    pass\nelse:\n    done = i", defines: ["a", "b", "done", "i"], reads: ["rows"] },
  { rule: "binding in an if counts for later code", source: "if flag:\n    z = 1\nprint(z)", defines: ["z"], reads: ["flag"] },
  { rule: "while condition and body", source: "while n > 0:\n    n = n - 1", defines: ["n"], reads: ["n"] },
  { rule: "with ... as", source: "with open(path) as fh:\n    text = fh.read()", defines: ["fh", "text"], reads: ["path"] },
  { rule: "with ... as (a, b) and several items", source: "with ctx() as (a, b), other() as c:\n    use(a, b, c)", defines: ["a", "b", "c"], reads: ["ctx", "other", "use"] },
  { rule: "try / except ... as / else / finally", source: lines("try:", "    import fast", "except ImportError as err:", "    fast = None", "    log(err)", "else:", "    ok = True", "finally:", "    end = fast"), defines: ["end", "err", "fast", "ok"], reads: ["log"] },
  { rule: "except with a tuple of types", source: "try:\n    pass\nexcept (KeyError, MyError) as e:\n    pass", defines: ["e"], reads: ["MyError"] },
  { rule: "match captures, value patterns, guards", source: lines("match command:", "    case [verb, *args] if verb in verbs:", "        pass", "    case Point(x=px, y=0) | Point(x=px):", "        pass", "    case {\"k\": value, **others}:", "        pass", "    case Color.RED as red:", "        pass", "    case _:", "        pass"), defines: ["args", "others", "px", "red", "value", "verb"], reads: ["Color", "Point", "command", "verbs"] },
  { rule: "match wildcard binds nothing", source: "match v:\n    case [_, *_]:\n        pass", defines: [], reads: ["v"] },
  // del
  { rule: "del x reads x", source: "del x", defines: [], reads: ["x"] },
  { rule: "del of an item reads the container", source: "del cache[key]", defines: [], reads: ["cache", "key"] },
  { rule: "del after a binding reads nothing", source: "tmp = 1\ndel tmp", defines: ["tmp"], reads: [] },
  // imports
  { rule: "import a.b binds a", source: "import os.path", defines: ["os"], reads: [] },
  { rule: "import aliases", source: "import numpy as np, pandas as pd", defines: ["np", "pd"], reads: [] },
  { rule: "from import with alias", source: "from sklearn.model_selection import train_test_split as tts, KFold", defines: ["KFold", "tts"], reads: [] },
  { rule: "relative and star imports", source: "from . import sibling\nfrom helpers import *", defines: ["sibling"], reads: [] },
  { rule: "__future__ imports bind nothing", source: "from __future__ import annotations", defines: [], reads: [] },
  // def / class / lambda
  { rule: "def binds its name; body loads count", source: "def f(a):\n    return a + offset", defines: ["f"], reads: ["offset"] },
  { rule: "decorators, defaults and annotations are evaluated at def time", source: lines("@register(name)", "def g(a: In = default, *, k: Key = kdef) -> Out:", "    pass"), defines: ["g"], reads: ["In", "Key", "Out", "default", "kdef", "name", "register"] },
  { rule: "default evaluated before the name is bound", source: "def f(a=f):\n    pass", defines: ["f"], reads: ["f"] },
  { rule: "a body load of a name the cell binds later does not count", source: "def f():\n    return helper()\ndef helper():\n    return 1", defines: ["f", "helper"], reads: [] },
  { rule: "function locals never count", source: "def f(a, *rest, key=1, **kw):\n    b = a\n    for c in rest:\n        b += c\n    return b, kw, key", defines: ["f"], reads: [] },
  { rule: "a name assigned anywhere in a function is local to all of it", source: "def f():\n    print(v)\n    v = 1", defines: ["f"], reads: [] },
  { rule: "global in a function: assigned there, defined by the cell", source: "def init():\n    global config\n    config = load()", defines: ["config", "init"], reads: ["load"] },
  { rule: "global declared but only read", source: "def show():\n    global state\n    print(state)", defines: ["show"], reads: ["state"] },
  { rule: "global in a function counts as bound from the def on", source: "def init():\n    global ready\n    ready = True\ninit()\nprint(ready)", defines: ["init", "ready"], reads: [] },
  { rule: "nested functions close over enclosing locals", source: "def outer():\n    k = 2\n    def inner(x):\n        return x * k * scale\n    return inner", defines: ["outer"], reads: ["scale"] },
  { rule: "nonlocal refers to the enclosing function", source: "def counter():\n    n = 0\n    def bump():\n        nonlocal n\n        n += 1\n    return bump", defines: ["counter"], reads: [] },
  { rule: "class body: class names are not visible in methods", source: lines("class Model(Base, metaclass=Meta):", "    size = 3", "    doubled = size * 2", "    def grow(self):", "        return size + self.size"), defines: ["Model"], reads: ["Base", "Meta", "size"] },
  { rule: "class body loads count like function bodies", source: "class Cfg:\n    lr = base_lr\n    epochs = 10", defines: ["Cfg"], reads: ["base_lr"] },
  { rule: "`(x): int` in a function does not make x local", source: "def f():\n    (x): int\n    return x", defines: ["f"], reads: ["x"] },
  { rule: "`__class__` in a method is the class cell, not a read", source: "class A(B):\n    def f(self):\n        return super().f(), __class__", defines: ["A"], reads: ["B"] },
  { rule: "a function named top has ordinary locals", source: "def top(self, which):\n    return self, which", defines: ["top"], reads: [] },
  { rule: "global then del in a function reads the name and binds nothing", source: "def reset():\n    global cache\n    del cache", defines: ["reset"], reads: ["cache"] },
  { rule: "identifiers are NFKC-normalised", source: "ｗｉｄｔｈ = 3\nprint(width)", defines: ["width"], reads: [] },
  { rule: "with ... as after a backslash line break", source: "def f():\n    with open(p) \\\n            as fh:\n        return fh", defines: ["f"], reads: ["p"] },
  { rule: "class decorators run at definition", source: "@dataclass\nclass Row:\n    a: int = 0", defines: ["Row"], reads: ["dataclass"] },
  { rule: "comprehension in a class body does not see class names", source: "class K:\n    n = 2\n    xs = [n * i for i in range(n)]", defines: ["K"], reads: ["n"] },
  { rule: "lambda parameters are local, defaults are evaluated now", source: "key = lambda row, w=weight: row[w] * factor", defines: ["key"], reads: ["factor", "weight"] },
  // comprehensions and walrus
  { rule: "comprehension targets are local", source: "squares = [x * x for x in xs]\nprint(x)", defines: ["squares"], reads: ["x", "xs"] },
  { rule: "nested comprehension clauses", source: "flat = [v for row in grid for v in row if v > cut]", defines: ["flat"], reads: ["cut", "grid"] },
  { rule: "dict and set comprehensions and generators", source: "d = {k: f(v) for k, v in items}\ns = {g(e) for e in d}\nt = sum(h(e) for e in s)", defines: ["d", "s", "t"], reads: ["f", "g", "h", "items"] },
  { rule: "walrus at top level", source: "if (n := len(data)) > 10:\n    print(n)", defines: ["n"], reads: ["data"] },
  { rule: "walrus in a top-level comprehension binds at top level", source: "hits = [y for x in xs if (y := f(x))]\nlast = y", defines: ["hits", "last", "y"], reads: ["f", "xs"] },
  { rule: "walrus in a function binds in the function", source: "def f():\n    if (m := g()):\n        return m", defines: ["f"], reads: ["g"] },
  // builtins and IPython names
  { rule: "builtins are not reads", source: "print(len(items), sorted(set(items)))", defines: [], reads: ["items"] },
  { rule: "IPython's display and get_ipython are not reads", source: "display(df)\nget_ipython().run_line_magic('time', '')", defines: [], reads: ["df"] },
  { rule: "f-string interpolations are loads", source: "msg = f\"{name!r}: {score:{width}.2f}\"", defines: ["msg"], reads: ["name", "score", "width"] },
  { rule: "keyword names and attribute names are not loads", source: "model = Model(alpha=alpha).fit(X).coef_", defines: ["model"], reads: ["Model", "X", "alpha"] },
  { rule: "conditional expression", source: "v = a if cond else b", defines: ["v"], reads: ["a", "b", "cond"] },
  { rule: "magics are masked, the Python around them analysed", source: "%matplotlib inline\nresult = compute(data)\n!echo done", defines: ["result"], reads: ["compute", "data"] },
  { rule: "x = !ls binds x", source: "files = !ls data", defines: ["files"], reads: [] },
  { rule: "%time statement is analysed", source: "%time fitted = model.fit(X)", defines: ["fitted"], reads: ["X", "model"] },
  { rule: "%%time leaves the rest Python", source: "%%time\nscores = evaluate(model)", defines: ["scores"], reads: ["evaluate", "model"] },
];
