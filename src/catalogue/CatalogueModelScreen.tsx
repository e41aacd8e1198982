import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { ModelInfo } from '../models/ModelInfo.tsx';
import { BACK_TO_CATALOGUE } from '../models/ModelDetailScreen.tsx';
import { ModelTitle } from '../models/ModelTitle.tsx';
import { m as models } from '../models/messages.ts';
import { m } from './messages.ts';

/** A catalogue entry the unit has not adopted: read-only information. */
export function CatalogueModelScreen({ modelId, now = Date.now() }: { modelId: string; now?: number }) {
  const { seed } = useServices();
  const model = seed.catalogue.models.find((x) => x.id === modelId);
  if (!model)
    return (
      <Layout title={models.model} active="catalogue" back={BACK_TO_CATALOGUE}>
        <p role="alert">{m.notInCatalogue}</p>
      </Layout>
    );
  return (
    <Layout title={<ModelTitle model={model} />} active="catalogue" back={BACK_TO_CATALOGUE}>
      <p class="muted">{m.notAdopted}</p>
      <section class="card">
        <ModelInfo model={model} now={now} />
      </section>
    </Layout>
  );
}
