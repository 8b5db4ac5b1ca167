import { LocationField } from '../LocationField';
import { TextField } from '../TextField';

interface Place {
  address: string;
  lat: string;
  lng: string;
  phone: string;
}

interface PlaceFieldsProps {
  place: Place;
  errors: { address?: string; location?: string; phone?: string };
  /** Takes a function too: the map picker sets the position, then offers its address. */
  onChange: (change: Partial<Place> | ((current: Place) => Partial<Place>)) => void;
  testIds: { address: string; location: string; phone: string };
}

/** Where a station or merchant is and how to call it: address, map position and phone. */
export function PlaceFields({ place, errors, onChange, testIds }: PlaceFieldsProps) {
  return (
    <>
      <TextField
        label="地址"
        value={place.address}
        onChange={(address) => onChange({ address })}
        error={errors.address}
        maxlength={80}
        testId={testIds.address}
      />
      <LocationField
        lat={place.lat}
        lng={place.lng}
        onChange={(lat, lng) => onChange({ lat, lng })}
        onAddressFound={(address) => onChange((current) => (current.address.trim() ? {} : { address }))}
        error={errors.location}
        testId={testIds.location}
      />
      <TextField
        label="联系电话"
        value={place.phone}
        onChange={(phone) => onChange({ phone })}
        placeholder="手机号或带区号的固话"
        error={errors.phone}
        maxlength={20}
        testId={testIds.phone}
      />
    </>
  );
}
