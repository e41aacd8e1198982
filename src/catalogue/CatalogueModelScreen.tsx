import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { modelTitle } from '../domain/catalogue.ts';
import { ModelInfo } from '../models/ModelInfo.tsx';
import { BACK_TO_CATALOGUE } from '../models/ModelDetailScreen.tsx';

/** A catalogue entry the unit has not adopted: read-only information. */
export function CatalogueModelScreen({ modelId, now = Date.now() }: { modelId: string; now?: number }) {
  const { seed } = useServices();
  const model = seed.catalogue.models.find((m) => m.id === modelId);
  if (!model)
    return (
      <Layout title="Mô hình" active="catalogue" back={BACK_TO_CATALOGUE}>
        <p role="alert">Không có mô hình này trong danh mục.</p>
      </Layout>
    );
  return (
    <Layout title={modelTitle(model)} active="catalogue" back={BACK_TO_CATALOGUE}>
      <p class="muted">Đơn vị chưa áp dụng mô hình này.</p>
      <section class="card">
        <ModelInfo model={model} now={now} />
      </section>
    </Layout>
  );
}
