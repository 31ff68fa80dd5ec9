// Golden plans: each notebook of test/fixtures/planning goes through the real chain
// (reader → analyser → dataflow → planner) and must give exactly the plan beside it
// (`<name>.plan.json`), a plan reviewed by hand as a data scientist would review it.
// Each fixture's shape (steps, cells, values passed, cells left out) is also written
// out by hand below, so a regenerated golden file cannot silently bless a worse plan.
// Regenerate after a deliberate change: NB2PROD_UPDATE_GOLDEN=1, then review the diff.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import { usePlanChain } from "./planChain";

const FIXTURES = join(resolve(__dirname, "..", "..", "..", ".."), "test", "fixtures", "planning");
const UPDATE = process.env.NB2PROD_UPDATE_GOLDEN === "1";

/** One line per step (`name [stage] cells | in: value<step, value=param | out: values`), then what is left out and shared. */
function shape(plan: SplitPlan): string[] {
  const list = (names: readonly string[]): string => (names.length === 0 ? "-" : [...names].sort().join(","));
  return [
    ...plan.steps.map((step) => {
      const inputs = step.inputs.map((input) => ("fromStep" in input ? `${input.name}<${input.fromStep}` : `${input.name}=param`));
      return `${step.name} [${step.stage}] ${step.cellIds.join(",")} | in: ${list(inputs)} | out: ${list(step.outputs.map((output) => output.name))}`;
    }),
    `excluded: ${plan.excluded.map((entry) => entry.cellId).join(",") || "-"}`,
    `shared: ${plan.shared.cellIds.join(",") || "-"}`,
    `params: ${plan.params.map((param) => `${param.name}:${param.type}`).join(",") || "-"}`,
  ];
}

const EXPECTED_SHAPES: Readonly<Record<string, readonly string[]>> = {
  no_markers: [
    "load_data [ingestion] load | in: - | out: df",
    "prepare_data [preprocessing] clean,split | in: df<load_data | out: X_test,X_train,y_test,y_train",
    "train_model [training] fit | in: X_train<prepare_data,y_train<prepare_data | out: model",
    "evaluate_model [evaluation] score | in: X_test<prepare_data,model<train_model,y_test<prepare_data | out: -",
    "register_model [registration] save | in: model<train_model | out: -",
    "excluded: peek",
    "shared: imports",
    "params: -",
  ],
  kale_tags: [
    "load_data [ingestion] load,features | in: data_path=param | out: features",
    "train_model [training] train | in: features<load_data,max_depth=param,n_estimators=param | out: model",
    "evaluate [evaluation] evaluate | in: features<load_data,model<train_model | out: f1",
    "pipeline_metrics [evaluation] metrics | in: f1<evaluate | out: -",
    "excluded: describe",
    "shared: imports,functions",
    "params: n_estimators:int,max_depth:int,data_path:str",
  ],
  headings: [
    // Headings are hints: two sections of one stage make one step, named after the first.
    "load_the_data [ingestion] load | in: - | out: housing",
    "clean_the_data [preprocessing] clean,ratio,xy | in: housing<load_the_data | out: X,y",
    "train [training] train | in: X<clean_the_data,y<clean_the_data | out: model",
    "evaluate [evaluation] evaluate | in: X<clean_the_data,model<train,y<clean_the_data | out: -",
    "excluded: info,hist",
    "shared: -",
    "params: -",
  ],
  functions_classes: [
    "load_data [ingestion] load | in: - | out: clean",
    "prepare_data [preprocessing] impute,deviation,alerts | in: clean<load_data | out: -",
    "excluded: plot-helper,plot,count",
    "shared: imports,helpers,labels",
    "params: -",
  ],
  mutation: [
    "load_data [ingestion] load | in: - | out: df",
    "prepare_data [preprocessing] clean,scaler,scale | in: df<load_data | out: df,features",
    "train_model [training] train | in: df<prepare_data,features<prepare_data | out: -",
    "excluded: describe",
    "shared: imports",
    "params: -",
  ],
  parameters: [
    "load_data [ingestion] load | in: data_path=param | out: credit",
    "prepare_data [preprocessing] prepare | in: credit<load_data,features=param,random_state=param,test_size=param,use_scaling=param | out: X_test,X_train,y_test,y_train",
    "train_model [training] train | in: X_train<prepare_data,learning_rate=param,random_state=param,y_train<prepare_data | out: clf",
    "evaluate_model [evaluation] evaluate | in: X_test<prepare_data,clf<train_model,thresholds=param,y_test<prepare_data | out: -",
    "excluded: -",
    "shared: imports",
    "params: data_path:str,test_size:float,random_state:int,use_scaling:bool,features:list[str],thresholds:list[float],learning_rate:float",
  ],
  nb2prod_metadata: [
    "fetch_orders [ingestion] fetch,drop-cancelled,peek | in: - | out: orders",
    "daily_revenue [preprocessing] daily | in: orders<fetch_orders | out: daily",
    "forecast [training] forecast | in: daily<daily_revenue | out: forecast",
    // print(forecast) shows what the fitted trend gives: evaluation, kept as a report.
    "evaluate_model [evaluation] show | in: forecast<forecast | out: -",
    "excluded: debug-dump",
    "shared: imports",
    "params: -",
  ],
  exploration: [
    "load_data [ingestion] load | in: - | out: penguins",
    "prepare_data [preprocessing] clean,save | in: penguins<load_data | out: -",
    "excluded: magic,pip,describe,counts,figure,scatter,todo",
    "shared: imports",
    "params: -",
  ],
  title_only: [
    "load_data [ingestion] load | in: - | out: digits",
    "prepare_data [preprocessing] unpack,count,flatten,split | in: digits<load_data | out: X_test,X_train,y_test,y_train",
    "train_model [training] fit | in: X_train<prepare_data,y_train<prepare_data | out: clf",
    "evaluate_model [evaluation] predict,report | in: X_test<prepare_data,clf<train_model,y_test<prepare_data | out: -",
    "excluded: -",
    "shared: imports",
    "params: -",
  ],
  kale_blocks: [
    "load_data [ingestion] config | in: - | out: config",
    "load_events [ingestion] events,users | in: config<load_data | out: events,users",
    "sessionize [preprocessing] sessionize | in: events<load_events | out: events",
    "join [preprocessing] join | in: events<sessionize,users<load_events | out: -",
    "excluded: -",
    "shared: imports",
    "params: -",
  ],
  register_deploy: [
    "load_data [ingestion] load | in: - | out: train,valid",
    // The validation step hands on the data it checked: training depends on the check.
    "validate_data [validation] checks | in: train<load_data,valid<load_data | out: train,valid",
    "train_model [training] fit | in: train<validate_data | out: features,model",
    "evaluate_model [evaluation] evaluate | in: features<train_model,model<train_model,valid<validate_data | out: -",
    "register_model [registration] register | in: model<train_model | out: -",
    "deploy_model [deployment] serve | in: features<train_model,model<train_model | out: -",
    "excluded: -",
    "shared: imports",
    "params: -",
  ],
};

const notebooks = readdirSync(FIXTURES).filter((file) => file.endsWith(".ipynb")).sort();

describe("golden plans of the planning fixtures", () => {
  const plans = usePlanChain();

  it("has at least ten fixtures, each with a hand-written shape", () => {
    assert.ok(notebooks.length >= 10, `${notebooks.length} fixtures`);
    assert.deepEqual(notebooks.map((file) => file.replace(/\.ipynb$/, "")).sort(), Object.keys(EXPECTED_SHAPES).sort());
  });

  for (const file of notebooks) {
    const name = file.replace(/\.ipynb$/, "");
    it(`${name}: valid, the expected shape, and exactly the golden plan`, async () => {
      const planned = await plans().planFile(join(FIXTURES, file));
      assert.deepEqual(planned.problems, []);
      assert.deepEqual(shape(planned.plan), EXPECTED_SHAPES[name]);
      const goldenPath = join(FIXTURES, `${name}.plan.json`);
      if (UPDATE) writeFileSync(goldenPath, `${JSON.stringify(planned.plan, null, 2)}\n`);
      assert.deepEqual(planned.plan, JSON.parse(readFileSync(goldenPath, "utf8")) as unknown);
    });
  }

  it("gives the same plan, byte for byte, when run twice", async () => {
    for (const file of notebooks) {
      const first = await plans().planFile(join(FIXTURES, file));
      const second = await plans().planFile(join(FIXTURES, file));
      assert.equal(JSON.stringify(second.plan), JSON.stringify(first.plan), file);
    }
  });
});
