import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { ProblemAlert } from '../common/ProblemAlert';

type Body = Schemas['OpenClueDto'];

/** A clue entered by hand (POST /api/cases); the server checks the firm is registered in the officer's region. */
export function NewClueModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const [form] = Form.useForm<Body>();
  const client = useQueryClient();
  const open = useMutation({
    mutationFn: (body: Body) => unwrap(api.POST('/api/cases', { body })),
    onSuccess: async (r) => {
      await client.invalidateQueries({ queryKey: ['cases'] });
      onCreated(r.id);
    },
  });
  const required = { required: true, message: t('form.required') };
  return (
    <Modal
      open
      title={t('clue.title')}
      okText={t('clue.submit')}
      cancelText={t('form.cancel')}
      onCancel={onClose}
      confirmLoading={open.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {open.isError && <ProblemAlert error={open.error} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          open.mutate({
            firmCreditCode: v.firmCreditCode.trim().toUpperCase(),
            description: v.description,
            discoveryDate: v.discoveryDate,
            ...(v.conductEndDate ? { conductEndDate: v.conductEndDate } : {}),
            ...(v.partyAddress ? { partyAddress: v.partyAddress } : {}),
          })
        }
      >
        <Form.Item
          name="firmCreditCode"
          label={t('clue.firmCreditCode')}
          rules={[required, { pattern: /^[0-9A-Za-z]{18}$/, message: t('list.firmInvalid') }]}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="description" label={t('clue.description')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Form.Item name="discoveryDate" label={t('clue.discoveryDate')} rules={[required]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="conductEndDate" label={t('clue.conductEndDate')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="partyAddress" label={t('clue.partyAddress')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
