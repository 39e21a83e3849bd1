import { useMutation } from '@tanstack/react-query';
import { Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useFormat } from '../common/format-hooks';
import { CaseProblem } from './CaseProblem';
import { PeoplePicker } from './PeoplePicker';

type Detail = Schemas['CaseDetailDto'];
type Values = Record<string, unknown>;

const METHODS = ['direct', 'left', 'electronic', 'post', 'entrusted', 'forwarded', 'public-notice'] as const;
const YUAN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
/** Actions whose DTO records the day they take effect (optional: the server's today by default). */
const DATED = ['file', 'notify', 'schedule-hearing', 'record-hearing', 'decide', 'publish'];

/**
 * The form of one action the server listed for this user: it asks for what the step needs (case-actions.dto.ts)
 * and posts it; the server is the judge, its refusal is shown as it gives it.
 */
export function ActionModal({
  detail,
  action,
  onClose,
  onDone,
}: {
  detail: Detail;
  action: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation(['cases', 'common']);
  const fmt = useFormat();
  const [form] = Form.useForm<Values>();
  const a = detail.assessment;
  const proposed = lastAmount(detail, 'propose') ?? a?.amount;

  const submit = useMutation({
    mutationFn: (body: Values) =>
      unwrap(
        api.POST(`/api/cases/{id}/actions/${action}` as '/api/cases/{id}/actions/file', {
          params: { path: { id: detail.id } },
          body: body as never,
        }),
      ),
    onSuccess: onDone,
  });

  const required = { required: true, message: t('form.required') };
  const inRange = {
    validator: (_: unknown, v: unknown): Promise<void> => {
      if (v === undefined || v === null || v === '') return Promise.resolve();
      const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      if (!YUAN.test(s)) return Promise.reject(new Error(t('form.amountFormat')));
      if (a && (Number(s) < Number(a.min) || (a.max != null && Number(s) > Number(a.max)))) {
        return Promise.reject(new Error(t('form.amountOutOfRange')));
      }
      return Promise.resolve();
    },
  };
  const rangeHelp = a
    ? a.max != null
      ? t('form.amountRange', { min: fmt.money(a.min), max: fmt.money(a.max ?? '') })
      : t('form.amountMin', { min: fmt.money(a.min) })
    : undefined;
  const amountItem = (
    <Form.Item name="amount" label={t('form.amount')} rules={[required, inRange]} extra={rangeHelp}>
      <Input inputMode="decimal" />
    </Form.Item>
  );
  const note = (
    <Form.Item name="note" label={t('form.note')}>
      <Input.TextArea rows={2} maxLength={4000} />
    </Form.Item>
  );
  const dateItem = (isRequired: boolean) => (
    <Form.Item name="date" label={t('form.date')} rules={isRequired ? [required] : []}>
      <Input type="date" max={detail.today} />
    </Form.Item>
  );
  const address = (
    <Form.Item name="partyAddress" label={t('form.partyAddress')}>
      <Input maxLength={500} />
    </Form.Item>
  );
  const reason = (isRequired: boolean, label = t('form.reason')) => (
    <Form.Item name="reason" label={label} rules={isRequired ? [required] : []}>
      <Input.TextArea rows={2} maxLength={4000} />
    </Form.Item>
  );
  const fields = (() => {
    switch (action) {
      case 'file':
        return (
          <>
            {dateItem(false)}
            <Form.Item name="partyKind" label={t('form.partyKind')}>
              <Radio.Group
                options={[
                  { value: 'legal-person', label: t('form.legalPerson') },
                  { value: 'individual', label: t('form.individual') },
                ]}
              />
            </Form.Item>
            <Form.Item name="major" valuePropName="checked">
              <Checkbox>{t('form.major')}</Checkbox>
            </Form.Item>
            <Form.Item name="heavy" valuePropName="checked">
              <Checkbox>{t('form.heavy')}</Checkbox>
            </Form.Item>
            <Form.Item name="lifeHealthFinancial" valuePropName="checked">
              <Checkbox>{t('form.lifeHealthFinancial')}</Checkbox>
            </Form.Item>
            {address}
          </>
        );
      case 'assign':
        return (
          <Form.Item
            name="handlers"
            label={t('form.handlers')}
            extra={t('form.handlersHelp')}
            rules={[
              required,
              {
                validator: (_: unknown, v: unknown): Promise<void> =>
                  Array.isArray(v) && v.length < 2
                    ? Promise.reject(new Error(t('form.handlersMin')))
                    : Promise.resolve(),
              },
            ]}
          >
            <PeoplePicker caseId={detail.id} action="assign" />
          </Form.Item>
        );
      case 'propose':
        return (
          <>
            {amountItem}
            {reason(false, t('form.reasonDeparture'))}
          </>
        );
      case 'review':
        return (
          <Form.Item name="outcome" label={t('form.outcome')} rules={[required]}>
            <Radio.Group
              options={[
                { value: 'approved', label: t('form.approved') },
                { value: 'returned', label: t('form.returned') },
              ]}
            />
          </Form.Item>
        );
      case 'notify':
        return (
          <>
            {dateItem(false)}
            {address}
          </>
        );
      case 'defend':
        return (
          <>
            <Form.Item name="statement" label={t('form.statement')} rules={[required]}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="waiveHearing" valuePropName="checked">
              <Checkbox>{t('form.waiveHearing')}</Checkbox>
            </Form.Item>
          </>
        );
      case 'schedule-hearing':
        return (
          <>
            {dateItem(false)}
            <Form.Item name="hearingDate" label={t('form.hearingDate')} rules={[required]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="place" label={t('form.place')} rules={[required]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="hostId" label={t('form.hostId')} extra={t('form.hostHelp')} rules={[required]}>
              <PeoplePicker caseId={detail.id} action="schedule-hearing" />
            </Form.Item>
          </>
        );
      case 'record-hearing':
        return (
          <>
            {dateItem(false)}
            <Form.Item name="summary" label={t('form.summary')} rules={[required]}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
          </>
        );
      case 'decide':
        return (
          <>
            {dateItem(false)}
            {amountItem}
            {reason(false)}
            <Form.Item name="collectiveDiscussion" valuePropName="checked">
              <Checkbox>{t('form.collectiveDiscussion')}</Checkbox>
            </Form.Item>
            {address}
          </>
        );
      case 'serve':
        return (
          <>
            {dateItem(true)}
            <Form.Item name="method" label={t('form.method')} rules={[required]}>
              <Select options={METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
            </Form.Item>
            <Form.Item name="recipient" label={t('form.recipient')} rules={[required]}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="consent" valuePropName="checked">
              <Checkbox>{t('form.consent')}</Checkbox>
            </Form.Item>
          </>
        );
      case 'publish':
        return (
          <>
            {dateItem(false)}
            <Form.Item name="channel" label={t('form.channel')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        );
      case 'record-payment':
        return (
          <>
            {dateItem(true)}
            <Form.Item
              name="amount"
              label={t('form.amount')}
              rules={[required, { pattern: YUAN, message: t('form.amountFormat') }]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </>
        );
      case 'no-penalty':
        return (
          <>
            {reason(true)}
            <Form.Item name="basis" label={t('form.basis')}>
              <Input maxLength={500} />
            </Form.Item>
            {address}
          </>
        );
      case 'withdraw':
        return reason(true);
      case 'transfer':
        return (
          <>
            {reason(true)}
            <Form.Item name="recipientAuthority" label={t('form.recipientAuthority')} rules={[required]}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        );
      case 'extend':
        return (
          <>
            <Form.Item name="deadline" label={t('form.deadline')}>
              <Radio.Group
                options={[
                  { value: 'filing', label: t('form.filing') },
                  { value: 'decision', label: t('form.decision') },
                ]}
              />
            </Form.Item>
            <Form.Item name="days" label={t('form.days')} rules={[required]}>
              <InputNumber min={1} max={30} precision={0} />
            </Form.Item>
            {reason(true)}
          </>
        );
      default:
        return null;
    }
  })();

  const initial: Values = {
    ...(DATED.includes(action) || action === 'serve' || action === 'record-payment'
      ? { date: detail.today }
      : {}),
    ...(action === 'propose' && a ? { amount: a.amount } : {}),
    ...(action === 'decide' && proposed ? { amount: proposed } : {}),
    ...(action === 'record-payment' ? { amount: lastAmount(detail, 'decide') } : {}),
    ...(action === 'file' ? { partyKind: detail.partyKind } : {}),
    ...(action === 'extend' ? { deadline: detail.docketNumber ? 'decision' : 'filing' } : {}),
    ...(['file', 'notify', 'decide', 'no-penalty'].includes(action) && detail.partyAddress
      ? { partyAddress: detail.partyAddress }
      : {}),
  };

  const toBody = (v: Values): Values => {
    const out: Values = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || x === null || x === '' || x === false) continue;
      if (['major', 'heavy', 'lifeHealthFinancial'].includes(k)) continue;
      out[k] = typeof x === 'string' ? x.trim() : x;
    }
    if (action === 'file' && (v.major || v.heavy || v.lifeHealthFinancial)) {
      out.flags = { major: !!v.major, heavy: !!v.heavy, lifeHealthFinancial: !!v.lifeHealthFinancial };
    }
    return out;
  };

  const label = t(`action.${action}`, { defaultValue: action });
  return (
    <Modal
      open
      title={label}
      okText={t('form.submit')}
      cancelText={t('form.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' }}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {detail.caseNumber} · {detail.firm.name}
      </Typography.Paragraph>
      {submit.isError && <CaseProblem error={submit.error} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => submit.mutate(toBody(v))}>
        {fields}
        {note}
      </Form>
    </Modal>
  );
}

/** The amount (yuan) of the case's last step of this action, if any. */
function lastAmount(detail: Detail, action: string): string | undefined {
  const step = [...detail.timeline].reverse().find((s) => s.action === action);
  const v = step?.input.amount;
  return typeof v === 'string' ? v : undefined;
}
