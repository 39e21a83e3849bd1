import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../common/ProblemAlert';

type Candidates = Schemas['CaseCandidatesDto'];
type Person = Candidates['people'][number];

/**
 * The people an action's form may name on this case, as the server lists them for this user (the handlers to assign,
 * the hearing's host): searchable by name or certificate number. The server decides who is listed; the picker only
 * offers them. A form item's control: `value`/`onChange`/`id` come from the form.
 */
export function PeoplePicker({
  caseId,
  action,
  value,
  onChange,
  id,
  ...aria
}: {
  caseId: string;
  action: 'assign' | 'schedule-hearing';
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const zh = i18n.language.startsWith('zh');
  const { principal } = useSession();
  const multiple = action === 'assign';
  const q = useQuery({
    queryKey: ['case', caseId, 'candidates', action],
    queryFn: () =>
      action === 'assign'
        ? unwrap(api.GET('/api/cases/{id}/actions/assign/candidates', { params: { path: { id: caseId } } }))
        : unwrap(
            api.GET('/api/cases/{id}/actions/schedule-hearing/candidates', {
              params: { path: { id: caseId } },
            }),
          ),
  });

  // Who the choice must include (an inspector assigning a team he belongs to): chosen for him to begin with.
  const required = q.data?.required;
  useEffect(() => {
    if (multiple && required?.length && (!Array.isArray(value) || value.length === 0))
      onChange?.([...required]);
    // Only when the list arrives: a later empty choice is the person's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [required]);

  const name = (p: Person) => (p.userId === principal?.userId ? t('form.self', { name: p.name }) : p.name);
  const options = (q.data?.people ?? []).map((p) => ({
    value: p.userId,
    label: p.certificateNumber ? `${name(p)} · ${p.certificateNumber}` : name(p),
    search: `${p.name} ${p.certificateNumber ?? ''}`,
    person: p,
  }));

  return (
    <>
      {q.isError && <ProblemAlert error={q.error} />}
      <Select
        id={id}
        {...aria}
        mode={multiple ? 'multiple' : undefined}
        value={value}
        onChange={(v: string | string[]) => onChange?.(v)}
        options={options}
        loading={q.isPending}
        showSearch={{ optionFilterProp: 'search' }}
        placeholder={t(multiple ? 'form.handlersPlaceholder' : 'form.hostPlaceholder')}
        notFoundContent={q.isPending ? t('form.loadingPeople') : t('form.noPeople')}
        data-testid={`picker-${action}`}
        optionRender={(o) => {
          const p = o.data.person;
          return (
            <div>
              <div>{name(p)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  // A handler is chosen by certificate; a host needs none, and is not told apart by its absence.
                  p.certificateNumber
                    ? t('form.certificate', { number: p.certificateNumber })
                    : multiple
                      ? t('form.noCertificate')
                      : null,
                  p.roles.map((r) => t(`common:roles.${r}`, { defaultValue: r })).join(zh ? '、' : ', '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          );
        }}
      />
    </>
  );
}
