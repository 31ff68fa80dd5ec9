// How a value a cell reads reaches it in the pipeline: from another step's outputs, from
// the params, from an import or the shared module, or not at all (its only definition
// was left out).
import type { CellFacts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import type { ImportUse } from "./importIndex";
import { boundName, hoistableImports } from "./importIndex";
import type { ParsedParam } from "./paramsCell";
import type { Providers, ValueRead } from "./valueGraph";

export type Route =
  | { readonly kind: "cell"; readonly provider: number }
  | { readonly kind: "param"; readonly param: ParsedParam }
  | { readonly kind: "import"; readonly uses: readonly ImportUse[] }
  | { readonly kind: "shared" }
  | { readonly kind: "missing"; readonly provider: number };

export interface RoutingInput {
  readonly facts: readonly CellFacts[];
  readonly roles: readonly CellRole[];
  readonly providers: Providers;
  /** Params by the position of their parameters cell. */
  readonly params: ReadonlyMap<number, ReadonlyMap<string, ParsedParam>>;
  /** `${position}:${name}` of every definition lifted into the shared module. */
  readonly lifted: ReadonlySet<string>;
}

export class ValueRouter {
  private readonly importsByCell: ReadonlyMap<string, ImportUse[]>[];

  constructor(private readonly input: RoutingInput) {
    this.importsByCell = input.facts.map((fact) => {
      const byName = new Map<string, ImportUse[]>();
      for (const record of hoistableImports(fact.analysis.imports)) {
        const name = boundName(record);
        if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), { record, position: fact.position }]);
      }
      return byName;
    });
  }

  /**
   * The routes of the reads of the cell at `reader` (`reads`: the value graph's reads of
   * that cell), in their order. Worked out once per plan: grouping, the first pass over the
   * steps and their inputs and outputs all ask.
   */
  routesOf(reader: number, reads: readonly ValueRead[]): readonly Route[] {
    const known = this.routes[reader];
    if (known?.reads === reads) return known.routes;
    const routes = reads.map((read) => this.route(reader, read));
    this.routes[reader] = { reads, routes };
    return routes;
  }

  private readonly routes: ({ readonly reads: readonly ValueRead[]; readonly routes: readonly Route[] } | undefined)[] = [];

  route(reader: number, read: ValueRead): Route {
    const provider = this.input.providers.providerOf(reader, read);
    const imported = this.importsByCell[provider]?.get(read.name);
    if (imported !== undefined) return { kind: "import", uses: imported };
    const role = this.input.roles[provider];
    if (this.input.lifted.has(`${provider}:${read.name}`) || role?.kind === "shared") return { kind: "shared" };
    if (role?.kind === "step") return { kind: "cell", provider };
    const param = this.input.params.get(provider)?.get(read.name);
    return param !== undefined ? { kind: "param", param } : { kind: "missing", provider };
  }
}
