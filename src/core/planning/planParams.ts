// Params of the plan, read from every parameters cell (later cells win on a name clash).
import type { CellFacts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import type { ParsedParam } from "./paramsCell";
import { parseParametersCell } from "./paramsCell";
import type { PlanParam } from "./splitPlan";

export interface PlanParams {
  readonly byCell: ReadonlyMap<number, ReadonlyMap<string, ParsedParam>>;
  readonly list: PlanParam[];
  readonly cellIds: string[];
  readonly warnings: string[];
}

export function readPlanParams(facts: readonly CellFacts[], roles: readonly CellRole[]): PlanParams {
  const byCell = new Map<number, Map<string, ParsedParam>>();
  const byName = new Map<string, PlanParam>();
  const warnings: string[] = [];
  const cellIds: string[] = [];
  for (const fact of facts) {
    if (roles[fact.position]?.kind !== "params") continue;
    cellIds.push(fact.cell.id);
    const parsed = parseParametersCell(fact.cell.source);
    byCell.set(fact.position, new Map(parsed.params.map((param) => [param.name, param])));
    for (const param of parsed.params) {
      byName.delete(param.name);
      byName.set(param.name, { name: param.name, value: param.value, type: param.type, cellId: fact.cell.id });
    }
    for (const problem of parsed.problems) {
      warnings.push(
        `Line ${problem.line} of the parameters cell (cell ${fact.number}), \`${problem.text}\`, does not set a plain value ` +
          "(int, float, str, bool or a list of them), so it is left out of the params.",
      );
    }
  }
  return { byCell, list: [...byName.values()], cellIds, warnings };
}
