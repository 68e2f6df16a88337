import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { TextField, type TextFieldProps } from './Field';

/** A password input with a Show/Hide button, for passwords typed on someone else's behalf. */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'trailing'>) {
  const { t } = useTranslation('components');
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      autoComplete={props.autoComplete ?? 'new-password'}
      spellCheck={false}
      trailing={
        <button type="button" className="btn btn-ghost btn-sm input-addon" onClick={() => setVisible((v) => !v)} aria-pressed={visible}>
          {visible ? t('password.hide') : t('password.show')}
        </button>
      }
    />
  );
}
