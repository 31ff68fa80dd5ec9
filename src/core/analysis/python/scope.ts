// Python's name resolution, reduced to what a cell needs: does a name used here refer to
// the notebook's namespace (the module), or to something local?

export type ScopeKind = "module" | "function" | "class" | "comprehension";

export interface Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | undefined;
  /** Names bound in this scope and not declared global or nonlocal. */
  readonly locals: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
  readonly nonlocals: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export const MODULE_SCOPE: Scope = { kind: "module", parent: undefined, locals: NONE, globals: NONE, nonlocals: NONE };

/**
 * Whether a load of `name` in `scope` reads the module namespace. A class body's names
 * are visible in the class body only, not in its methods or comprehensions.
 */
export function loadsFromModule(scope: Scope, name: string): boolean {
  // In a function, `__class__` is the implicit cell of the enclosing class (for `super()`).
  if (name === "__class__" && insideFunction(scope)) return false;
  let direct = true;
  for (let current: Scope | undefined = scope; current !== undefined; current = current.parent) {
    if (current.kind === "module" || current.globals.has(name)) return true;
    const visible = direct || current.kind !== "class";
    if (visible && (current.locals.has(name) || current.nonlocals.has(name))) return false;
    direct = false;
  }
  return true;
}

/** The scope a `:=` binds in: the nearest one that is not a comprehension. */
export function walrusScope(scope: Scope): Scope {
  let current = scope;
  while (current.kind === "comprehension" && current.parent !== undefined) current = current.parent;
  return current;
}

/** Whether binding `name` in `scope` binds it in the module namespace. */
export function bindsInModule(scope: Scope, name: string): boolean {
  return scope.kind === "module" || scope.globals.has(name);
}

function insideFunction(scope: Scope): boolean {
  for (let current: Scope | undefined = scope; current !== undefined; current = current.parent) {
    if (current.kind === "function") return true;
  }
  return false;
}
