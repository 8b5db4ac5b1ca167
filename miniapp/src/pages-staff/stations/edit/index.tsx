import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { AMENITIES, STATION_TYPES, type AmenityCode } from '@union/shared';
import { useState } from 'react';
import { AmenityIcon } from '../../../components/AmenityIcon';
import { Chip } from '../../../components/Chip';
import { PageLoading } from '../../../components/PageLoading';
import { PlaceFields } from '../../../components/PlaceFields';
import { TextField } from '../../../components/TextField';
import { useEditForm } from '../../../hooks/use-edit-form';
import { ROUTES } from '../../../routes';
import { errorMessage } from '../../../services/http';
import { loadSession } from '../../../services/session-store';
import { createStation, fetchStation, updateStation } from '../../../services/stations';
import { STATION_TYPE_LABELS } from '../../../strings/stations';
import { stationManagementOrgs } from '../../../utils/roles';
import { showSuccess } from '../../../utils/toast';
import { ExceptionsEditor } from './components/ExceptionsEditor';
import { WeeklyHoursEditor } from './components/WeeklyHoursEditor';
import {
  checkDraft,
  draftErrorsFromApi,
  draftFromStation,
  emptyDraft,
  type DraftErrors,
  type StationDraft,
} from './draft';
import './index.css';

/** Create a station (no id) or edit one: details, place on the map, amenities, weekly hours and exceptions. */
export default function StationEditPage() {
  const { params } = useRouter();
  const id = params.id;
  const me = loadSession()?.me ?? null;
  const [orgs, setOrgs] = useState(() => (me ? stationManagementOrgs(me) : []));
  const form = useEditForm<StationDraft, DraftErrors>(
    () => (id ? null : emptyDraft(orgs.length === 1 ? orgs[0]!.id : '')),
    draftErrorsFromApi,
  );
  const { draft, set, errors, busy } = form;

  useLoad(() => {
    if (!id) return;
    fetchStation(id)
      .then((station) => {
        form.setDraft(draftFromStation(station));
        // A station may sit under a sub-organisation of the manager's grant; keep it choosable.
        setOrgs((current) =>
          current.some((org) => org.id === station.orgId)
            ? current
            : [...current, { id: station.orgId, name: station.orgName }],
        );
      })
      .catch((e: unknown) => form.setLoadError(errorMessage(e)));
  });

  if (!draft) return <PageLoading error={form.loadError} />;

  const toggleAmenity = (code: AmenityCode) =>
    set({
      amenities: draft.amenities.includes(code)
        ? draft.amenities.filter((c) => c !== code)
        : [...draft.amenities, code],
    });

  async function save() {
    if (!draft) return;
    const checked = checkDraft(draft);
    if ('errors' in checked) return form.refuse(checked.errors);
    await form.submit(async () => {
      if (id) {
        await updateStation(id, checked.input);
        showSuccess('已保存');
        void Taro.navigateBack();
      } else {
        const created = await createStation(checked.input);
        showSuccess('已创建');
        // The new station's page is where photos and the poster come next.
        void Taro.redirectTo({ url: `${ROUTES.staffStation}?id=${created.id}` });
      }
    });
  }

  return (
    <View className="page station-edit">
      <View className="panel">
        <Text className="panel__title">基本信息</Text>
        <TextField
          label="名称"
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
          maxlength={40}
          testId="station-input-name"
        />
        <View className="field">
          <Text className="field__label">类型</Text>
          <View className="choice-row">
            {STATION_TYPES.map((type) => (
              <Chip key={type} on={draft.type === type} onClick={() => set({ type })} testId={`station-type-${type}`}>
                {STATION_TYPE_LABELS[type]}
              </Chip>
            ))}
          </View>
        </View>
        <TextField
          label="承办单位"
          value={draft.hostName}
          onChange={(hostName) => set({ hostName })}
          placeholder="如：工商银行西溪支行"
          error={errors.hostName}
          maxlength={40}
          testId="station-input-host"
        />
        <PlaceFields
          place={draft}
          errors={errors}
          onChange={set}
          testIds={{ address: 'station-input-address', location: 'station', phone: 'station-input-phone' }}
        />
        <View className="field" data-testid="station-org">
          <Text className="field__label">所属工会</Text>
          <View className="choice-row">
            {orgs.map((org) => (
              <Chip
                key={org.id}
                on={draft.orgId === org.id}
                onClick={() => set({ orgId: org.id })}
                testId={`station-org-${org.id}`}
              >
                {org.name}
              </Chip>
            ))}
          </View>
          {errors.orgId ? <Text className="field__error">{errors.orgId}</Text> : null}
        </View>
      </View>

      <View className="panel">
        <Text className="panel__title">服务设施</Text>
        <View className="choice-row">
          {AMENITIES.map(({ code, label }) => (
            <Chip
              key={code}
              on={draft.amenities.includes(code)}
              onClick={() => toggleAmenity(code)}
              testId={`station-amenity-${code}`}
            >
              <AmenityIcon code={code} tone={draft.amenities.includes(code) ? 'active' : 'normal'} />
              <Text>{label}</Text>
            </Chip>
          ))}
        </View>
        <Textarea
          className="text-area station-edit__description"
          value={draft.description}
          maxlength={300}
          placeholder="简介（选填），如：可加热饭菜，提供雨具借用"
          onInput={(e) => set({ description: e.detail.value })}
          data-testid="station-description"
        />
      </View>

      <View className="panel">
        <Text className="panel__title">每周开放时间</Text>
        <WeeklyHoursEditor hours={draft.hours} onChange={(hours) => set({ hours })} />
        {errors.hours ? (
          <Text className="notice notice--error" data-testid="station-hours-error">
            {errors.hours}
          </Text>
        ) : null}
      </View>

      <View className="panel">
        <Text className="panel__title">例外日期</Text>
        <ExceptionsEditor hours={draft.hours} onChange={(hours) => set({ hours })} />
      </View>

      <Button className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="staff-station-save">
        {id ? '保存' : '创建驿站'}
      </Button>
    </View>
  );
}
