import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { useParser } from "./parserFixture";

const DISPLAY_ONLY = [
  "df.head()",
  "df",
  "print(df.shape)\ndf.describe()",
  "plt.plot(x, y)\nplt.title('loss')\nplt.show()",
  "sns.heatmap(corr)",
  "df.plot(kind='bar')\ndf['a'].hist()",
  "display(df)\nlen(df)",
  "%matplotlib inline\ndf.tail()",
  "%%time\nmodel.score(X, y)",
  "df.drop(columns=['a'])",
];

const NOT_DISPLAY_ONLY: readonly (readonly [string, string])[] = [
  ["binds a name", "x = df.head()"],
  ["binds in a loop", "for c in cols:\n    print(c)"],
  ["imports", "import numpy as np"],
  ["changes an object", "model.fit(X, y)"],
  ["writes a file", "plt.plot(x)\nplt.savefig('fig.png')"],
  ["seeds the random generator", "np.random.seed(0)"],
  ["sets a library option", "pd.set_option('display.max_columns', 50)"],
  ["calls a function for its effect before the last line", "train()\nprint('done')"],
  ["is empty", ""],
  ["has only magics and comments", "%load_ext autoreload\n# setup"],
  ["defines a function", "def show(x):\n    print(x)"],
  ["is not Python", "%%bash\nls"],
];

describe("analyzePythonSource: displayOnly", () => {
  const { analyze } = useParser();
  for (const source of DISPLAY_ONLY) {
    it(`display-only: ${JSON.stringify(source)}`, () => {
      assert.equal(analyze(source).displayOnly, true);
    });
  }
  for (const [why, source] of NOT_DISPLAY_ONLY) {
    it(`not display-only, it ${why}: ${JSON.stringify(source)}`, () => {
      assert.equal(analyze(source).displayOnly, false);
    });
  }
});
