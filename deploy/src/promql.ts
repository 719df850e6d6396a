import { parser } from '@prometheus-io/lezer-promql';

/**
 * Where a PromQL expression does not parse, by the Prometheus project's own grammar (the one its web UI uses):
 * `error at N: …` per syntax error, empty when the query parses. No Prometheus needed.
 */
export function promqlErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`error at ${node.from}: ${JSON.stringify(query.slice(node.from, node.from + 20))}`);
    },
  });
  return errors;
}
