import { AppConfig } from '../config/app-config';

/** How the patient's files name and reach the center (CENTER_NAME, CENTER_ADDRESS, CENTER_PHONE). */
export interface CenterContact {
  name: string;
  address: string;
  phone: string;
}

export function centerContact(config: AppConfig): CenterContact {
  return { name: config.get('CENTER_NAME'), address: config.get('CENTER_ADDRESS'), phone: config.get('CENTER_PHONE') };
}
