import { useState } from 'react';
import { ApiError, errorMessage } from '../services/http';
import { showMessage } from '../utils/toast';

type Change<Draft> = Partial<Draft> | ((current: Draft) => Partial<Draft>);

/**
 * What a create-or-edit page keeps besides its fields: the draft (null while an existing record
 * loads), field errors, the load error and the busy flag, and the one way a save goes.
 */
export function useEditForm<Draft extends object, Errors extends object>(
  initial: () => Draft | null,
  errorsFromApi: (error: ApiError) => Errors,
) {
  const [draft, setDraft] = useState<Draft | null>(initial);
  const [errors, setErrors] = useState<Errors>(() => ({}) as Errors);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Functional updates: the map picker sets the position and the address one after the other.
  const set = (change: Change<Draft>) =>
    setDraft((current) => current && { ...current, ...(typeof change === 'function' ? change(current) : change) });

  /** The checker's problems under their fields; nothing is sent. */
  function refuse(found: Errors) {
    setErrors(found);
    showMessage('请按提示修改后再保存');
  }

  /** Sends with the button disabled; the BFF's field problems land under their fields as well. */
  async function submit(send: () => Promise<void>) {
    setErrors({} as Errors);
    setBusy(true);
    try {
      await send();
    } catch (e) {
      if (e instanceof ApiError) setErrors(errorsFromApi(e));
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return { draft, setDraft, set, errors, loadError, setLoadError, busy, setBusy, refuse, submit };
}
