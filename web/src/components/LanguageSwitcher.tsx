import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

/** Each language named in itself, so a person finds theirs whatever is shown now. */
const NATIVE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', ky: 'Кыргызча', en: 'English' };

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const onChange = async (lang: Language) => {
    await changeLanguage(lang);
    // A ?lang= left in the address would switch back on reload.
    if (params.has('lang')) {
      params.set('lang', lang);
      setParams(params, { replace: true });
    }
  };
  return (
    <span className="language">
      <label htmlFor={id}>{t('common.language')}</label>
      <select id={id} value={i18n.language} onChange={(e) => void onChange(e.target.value as Language)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NATIVE_NAMES[lang]}
          </option>
        ))}
      </select>
    </span>
  );
}
