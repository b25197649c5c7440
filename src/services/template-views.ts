import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import type { LoadedTemplate, Templates } from '../cycles/templates.js';
import { iconUrl } from './connector-views.js';
import type { PageRequest } from './paging.js';
import { offsetOf } from './paging.js';

// The template catalogue in the public API's shape (Cyclr's field names).

/** The connectors a template's Method steps use, in the order they first appear, with how many steps each. */
function templateConnectors(template: LoadedTemplate, catalogue: Catalogue, publicUrl: string) {
  const counts = new Map<Connector, number>();
  for (const step of template.definition.Steps) {
    const connector = step.Connector === undefined ? undefined : catalogue.find(step.Connector);
    if (connector !== undefined) counts.set(connector, (counts.get(connector) ?? 0) + 1);
  }
  return [...counts].map(([connector, count]) => ({
    Id: connector.definition.Id,
    Name: connector.definition.Name,
    Version: connector.definition.Version,
    StepCount: count,
    Icon: iconUrl(connector, publicUrl),
  }));
}

export function templateView(template: LoadedTemplate, catalogue: Catalogue, publicUrl: string) {
  const d = template.definition;
  return { Id: d.Id, Name: d.Name, Description: d.Description, Connectors: templateConnectors(template, catalogue, publicUrl) };
}

/** One template with its settings and its steps summarised: what a gallery shows before installing. */
export function templateDetailView(template: LoadedTemplate, catalogue: Catalogue, publicUrl: string) {
  const d = template.definition;
  return {
    ...templateView(template, catalogue, publicUrl),
    Slug: d.Slug,
    Version: d.Version ?? '',
    StepErrorAction: d.StepErrorAction ?? 'Retry',
    CollectionSplitType: d.CollectionSplitType ?? 'First',
    Variables: (d.Variables ?? []).map((v) => ({ Name: v.Name, DisplayName: v.DisplayName, Sensitive: v.Sensitive === true })),
    Steps: d.Steps.map((step) => {
      const connector = step.Connector === undefined ? undefined : catalogue.find(step.Connector);
      const method = connector?.definition.Methods.find((m) => m.Id === step.Method);
      return {
        Key: step.Key,
        Name: step.Name,
        ActionType: step.ActionType,
        ConnectorId: connector?.definition.Id ?? null,
        ConnectorName: connector?.definition.Name ?? null,
        MethodId: method?.Id ?? null,
        MethodName: method?.Name ?? null,
        Object: step.Object ?? null,
        Parameters: Object.keys(step.Parameters ?? {}),
        Fields: Object.keys(step.Fields ?? {}),
      };
    }),
    Edges: (d.Edges ?? []).map((e) => ({ From: e.From, To: e.To, EdgeType: e.EdgeType ?? 'Forward' })),
  };
}

/** A page of the templates, those using a connector (by Name in any case, or Slug) when one is named. */
export function listTemplates(
  templates: Templates,
  catalogue: Catalogue,
  publicUrl: string,
  request: PageRequest & { connectorName?: string | undefined },
) {
  const wanted = request.connectorName?.toLowerCase();
  const found = templates.all.filter(
    (t) =>
      wanted === undefined ||
      wanted === '' ||
      t.definition.Steps.some((s) => {
        const connector = s.Connector === undefined ? undefined : catalogue.find(s.Connector);
        return connector !== undefined && (connector.definition.Name.toLowerCase() === wanted || connector.definition.Slug === wanted);
      }),
  );
  const start = offsetOf(request);
  return { items: found.slice(start, start + request.pageSize).map((t) => templateView(t, catalogue, publicUrl)), total: found.length };
}
