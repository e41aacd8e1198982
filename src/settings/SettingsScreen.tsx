import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../app/Layout.tsx';
import { useServices } from '../app/services.ts';
import { useOutboxCount } from '../app/data.ts';
import { ROLE_LABEL } from '../domain/people.ts';
import { formatNumber } from '../domain/text.ts';
import { requestPersistentStorage } from '../sw-bridge.ts';
import { PinSettings } from './PinSettings.tsx';
import { DevicesSettings } from './DevicesSettings.tsx';

const mb = (bytes: number) => `${formatNumber(Math.round((bytes / 1_048_576) * 10) / 10)} MB`;

export function SettingsScreen() {
  const { session, logout, seed } = useServices();
  const pending = useOutboxCount() ?? 0;
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void navigator.storage?.estimate?.().then((e) => setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }));
    void navigator.storage?.persisted?.().then(setPersisted);
  }, []);

  function onLogout() {
    if (pending > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    void logout();
  }

  return (
    <Layout title="Cài đặt" active="settings">
      <section class="card">
        <h2>Tài khoản</h2>
        <p>
          {session.user.displayName} ({session.user.username})
          <br />
          <span class="muted">{ROLE_LABEL[session.user.role]}</span>
        </p>
        {confirming && (
          <p class="error" role="alert">
            Còn {formatNumber(pending)} thay đổi chưa đồng bộ. Nếu đăng xuất bây giờ, các thay đổi vẫn nằm trên máy nhưng chỉ được gửi khi đăng nhập lại. Bấm “Vẫn đăng xuất” để tiếp tục.
          </p>
        )}
        <button type="button" class="btn-secondary" onClick={onLogout}>
          {confirming ? 'Vẫn đăng xuất' : 'Đăng xuất'}
        </button>
      </section>
      <PinSettings />
      <DevicesSettings />
      <section class="card">
        <h2>Bộ nhớ trên máy</h2>
        {storage ? (
          <p data-testid="storage">
            Đã dùng {mb(storage.usage)} / còn trống khoảng {mb(Math.max(0, storage.quota - storage.usage))}
          </p>
        ) : (
          <p class="muted">Trình duyệt không cho biết dung lượng.</p>
        )}
        <p>
          {persisted ? 'Dữ liệu được lưu bền vững (trình duyệt sẽ không tự xóa).' : 'Dữ liệu chưa được bảo vệ khỏi việc trình duyệt tự dọn bộ nhớ.'}
        </p>
        {!persisted && (
          <button type="button" class="btn-secondary" onClick={() => void requestPersistentStorage().then(setPersisted)}>
            Giữ dữ liệu bền vững
          </button>
        )}
      </section>
      <section class="card">
        <h2>Phiên bản</h2>
        <p class="muted">Dữ liệu danh mục: {seed.version}</p>
      </section>
    </Layout>
  );
}
