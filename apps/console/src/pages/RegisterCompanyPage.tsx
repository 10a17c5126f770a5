import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, must } from '../api/clients';
import type { components } from '../api/generated/operator-registry';
import { useAuth } from '../auth/context';
import { Problem } from '../components/Problem';

type Register = components['schemas']['RegisterOperatorDto'];
const ROLES: NonNullable<Register['roles']> = ['importer', 'exporter', 'manufacturer', 'freight-forwarder', 'warehouse-keeper', 'customs-broker', 'carrier'];

/** Registering a company: what an MSME owner knows without a customs expert, in one page. */
export function RegisterCompanyPage() {
  const { t } = useTranslation();
  const { config } = useAuth();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [legalName, setLegalName] = useState('');
  const [scheme, setScheme] = useState<'TIN' | 'EORI'>('TIN');
  const [identifier, setIdentifier] = useState('');
  const [street, setStreet] = useState('');
  const [city, setCity] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [employees, setEmployees] = useState<number | string>('');
  const [turnover, setTurnover] = useState<number | string>('');
  const [roles, setRoles] = useState<string[]>([]);
  const [shareWithPartners, setShare] = useState(true);
  const [publishInDirectory, setPublish] = useState(false);

  const register = useMutation({
    mutationFn: async (body: Register) => must(await api.operators.POST('/operators', { body })),
    onSuccess: (operator) => {
      void queries.invalidateQueries({ queryKey: ['operators'] });
      navigate(`/companies/${operator.id}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate({
      legalName,
      identifiers: [{ scheme, value: identifier, issuer: config.administration }],
      address: { street, city, postalCode, country: config.administration },
      employees: typeof employees === 'number' ? employees : undefined,
      annualTurnover: typeof turnover === 'number' ? turnover : undefined,
      roles: roles as Register['roles'],
      consent: { shareWithPartners, publishInDirectory },
    });
  };

  return (
    <form onSubmit={submit}>
      <Stack maw={640}>
        <Title order={2}>{t('register.title')}</Title>
        <Text c="dimmed">{t('register.intro')}</Text>
        <TextInput label={t('company.legalName')} value={legalName} onChange={(e) => setLegalName(e.currentTarget.value)} required />
        <Group grow>
          <Select label={t('register.scheme')} data={[{ value: 'TIN', label: t('scheme.TIN') }, { value: 'EORI', label: t('scheme.EORI') }]} value={scheme} onChange={(v) => setScheme((v as 'TIN' | 'EORI') ?? 'TIN')} allowDeselect={false} />
          <TextInput label={t('register.identifier')} value={identifier} onChange={(e) => setIdentifier(e.currentTarget.value)} required />
        </Group>
        <TextInput label={t('address.street')} value={street} onChange={(e) => setStreet(e.currentTarget.value)} required />
        <Group grow>
          <TextInput label={t('address.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} required />
          <TextInput label={t('address.postalCode')} value={postalCode} onChange={(e) => setPostalCode(e.currentTarget.value)} required />
        </Group>
        <Group grow>
          <NumberInput label={t('register.employees')} description={t('register.sizeHelp')} value={employees} onChange={setEmployees} min={0} />
          <NumberInput label={t('register.turnover')} value={turnover} onChange={setTurnover} min={0} thousandSeparator=" " />
        </Group>
        <MultiSelect label={t('register.roles')} data={ROLES.map((r) => ({ value: r, label: t(`supplyChainRole.${r}`) }))} value={roles} onChange={setRoles} />
        <Checkbox label={t('consent.shareWithPartners')} checked={shareWithPartners} onChange={(e) => setShare(e.currentTarget.checked)} />
        <Checkbox label={t('consent.publishInDirectory')} checked={publishInDirectory} onChange={(e) => setPublish(e.currentTarget.checked)} />
        <Problem error={register.error} />
        <Group>
          <Button type="submit" loading={register.isPending}>{t('register.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
