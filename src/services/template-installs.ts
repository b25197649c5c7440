import type { DefinitionStep } from '../cycles/model.js';
import { templateDefinition } from '../cycles/template-definition.js';
import type { Templates } from '../cycles/templates.js';
import { PatchbayError } from '../errors.js';
import type { AccountConnectors } from './account-connectors.js';
import type { CustomCategories } from './custom-categories.js';
import type { Cycles } from './cycles.js';

export interface TemplateInstallInput {
  Name?: string;
  Description?: string | null;
}

/**
 * Installing a template: a new, paused cycle of the account made from it, on the account's installs of
 * the connectors it uses (installed unauthenticated when the account has none). A step on an object (a
 * Caspio table) is bound to the install's custom category for it, made when missing; one that cannot be
 * bound yet waits for it (see StepBindings).
 */
export class TemplateInstalls {
  constructor(
    private readonly templates: Templates,
    private readonly installs: AccountConnectors,
    private readonly categories: CustomCategories,
    private readonly cycles: Cycles,
  ) {}

  async install(accountId: string, templateKey: string, input: TemplateInstallInput = {}) {
    const template = this.templates.named(templateKey);
    const definition = templateDefinition(template.definition);
    const made: number[] = [];
    try {
      const chosen: Record<string, number> = {};
      for (const slug of new Set(definition.Steps.flatMap((s) => (s.Connector === undefined ? [] : [s.Connector])))) {
        const reused = await this.installs.reusable(accountId, slug);
        if (reused !== undefined) chosen[slug] = reused;
        else {
          const name = this.installs.connector(slug).definition.Name;
          chosen[slug] = (await this.installs.install(accountId, slug, { Name: name }, { authenticateLater: true })).Id;
          made.push(chosen[slug]);
        }
      }
      for (const step of definition.Steps) await this.prepareObject(accountId, step, chosen);
      return await this.cycles.createFromDefinition(
        accountId,
        {
          ...definition,
          Name: input.Name ?? definition.Name,
          Description: input.Description === undefined ? definition.Description : input.Description,
        },
        chosen,
        template.definition.Id.toLowerCase(),
      );
    } catch (error) {
      // The installs made for a cycle that is not there go with it. One whose removal fails stays: it is
      // unauthenticated and unused, and the next install of the template reuses it.
      for (const id of made) await this.installs.delete(accountId, id).catch(() => undefined);
      throw error;
    }
  }

  /** The custom category a step on an object needs, on an authenticated install; otherwise the step waits. */
  private async prepareObject(accountId: string, step: DefinitionStep, chosen: Record<string, number>) {
    const installId = step.Connector === undefined ? undefined : chosen[step.Connector];
    if (step.Object === undefined || step.MethodId === undefined || installId === undefined) return;
    const install = await this.installs.resolve(accountId, installId);
    const category = install.connector.methods.get(step.MethodId)?.Category;
    if (!install.authenticated || category === undefined) return;
    try {
      await this.categories.ensure(accountId, installId, category, step.Object);
    } catch (error) {
      // The provider cannot answer for the object now: the step waits, as on an unauthenticated install.
      if (!(error instanceof PatchbayError)) throw error;
    }
  }
}
