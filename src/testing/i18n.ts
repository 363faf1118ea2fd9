/**
 * The simulated plugin's own texts (its window, its prompts), chosen by `open({ lang })`. The real
 * plugin's language packs live on the Oz Web Adapter; these are the simulator's, not Oz's wording.
 */

/** Every text the simulator window shows. `{n}` and `{total}` are filled in by the window. */
export interface SimulatorMessages {
  title: string;
  starting: string;
  /** Shown after `get_user_media_timeout` ms without a camera. */
  cameraHint: string;
  /** Shown when `get_user_media_promise_timeout_ms` runs out and `…_throw_error` is false. */
  cameraInstruction: string;
  step: string;
  processing: string;
  close: string;
  captureNow: string;
  note: string;
  /** One prompt per Oz action. */
  actions: Record<string, string>;
}

const en: SimulatorMessages = {
  title: 'Liveness check',
  starting: 'Starting the camera…',
  cameraHint: 'Allow access to the camera. If no prompt appears, check the browser’s camera settings.',
  cameraInstruction: 'The camera does not respond. Close other apps that use it, then try again.',
  step: 'Step {n} of {total}',
  processing: 'Processing…',
  close: 'Close',
  captureNow: 'Capture now',
  note: 'A simulator, not the Oz plugin: its error codes and container format are invented.',
  actions: {
    photo_id_front: 'Show the front of your ID document',
    photo_id_back: 'Show the back of your ID document',
    video_selfie_left: 'Turn your head to the left',
    video_selfie_right: 'Turn your head to the right',
    video_selfie_down: 'Tilt your head down',
    video_selfie_high: 'Raise your head',
    video_selfie_smile: 'Smile',
    video_selfie_eyes: 'Blink',
    video_selfie_scan: 'Hold still while your face is scanned',
    video_selfie_blank: 'Look at the camera',
    video_selfie_best: 'Look at the camera and hold still',
  },
};

const ru: SimulatorMessages = {
  title: 'Проверка живого присутствия',
  starting: 'Включаем камеру…',
  cameraHint: 'Разрешите доступ к камере. Если запрос не появился, проверьте настройки камеры в браузере.',
  cameraInstruction: 'Камера не отвечает. Закройте другие приложения, которые её используют, и попробуйте снова.',
  step: 'Шаг {n} из {total}',
  processing: 'Обработка…',
  close: 'Закрыть',
  captureNow: 'Снять сейчас',
  note: 'Симулятор, а не плагин Oz: его коды ошибок и формат контейнера выдуманы.',
  actions: {
    photo_id_front: 'Покажите лицевую сторону документа',
    photo_id_back: 'Покажите оборотную сторону документа',
    video_selfie_left: 'Поверните голову влево',
    video_selfie_right: 'Поверните голову вправо',
    video_selfie_down: 'Наклоните голову вниз',
    video_selfie_high: 'Поднимите голову',
    video_selfie_smile: 'Улыбнитесь',
    video_selfie_eyes: 'Моргните',
    video_selfie_scan: 'Не двигайтесь, идёт сканирование лица',
    video_selfie_blank: 'Смотрите в камеру',
    video_selfie_best: 'Смотрите в камеру и не двигайтесь',
  },
};

const es: SimulatorMessages = {
  title: 'Prueba de vida',
  starting: 'Iniciando la cámara…',
  cameraHint: 'Permita el acceso a la cámara. Si no aparece la solicitud, revise la configuración del navegador.',
  cameraInstruction: 'La cámara no responde. Cierre otras aplicaciones que la usen e inténtelo de nuevo.',
  step: 'Paso {n} de {total}',
  processing: 'Procesando…',
  close: 'Cerrar',
  captureNow: 'Capturar ahora',
  note: 'Un simulador, no el plugin de Oz: sus códigos de error y su formato de contenedor son inventados.',
  actions: {
    photo_id_front: 'Muestre el anverso de su documento',
    photo_id_back: 'Muestre el reverso de su documento',
    video_selfie_left: 'Gire la cabeza a la izquierda',
    video_selfie_right: 'Gire la cabeza a la derecha',
    video_selfie_down: 'Incline la cabeza hacia abajo',
    video_selfie_high: 'Levante la cabeza',
    video_selfie_smile: 'Sonría',
    video_selfie_eyes: 'Parpadee',
    video_selfie_scan: 'No se mueva mientras escaneamos su rostro',
    video_selfie_blank: 'Mire a la cámara',
    video_selfie_best: 'Mire a la cámara y no se mueva',
  },
};

/** The simulator's language packs, keyed by language id. */
export const SIMULATOR_LANGUAGES: Readonly<Record<string, SimulatorMessages>> = { en, ru, es };

/** The pack for `lang` (`ru-RU` falls back to `ru`), else English; returns the id actually used. */
export function resolveLanguage(lang: string | undefined): { lang: string; messages: SimulatorMessages } {
  const wanted = (lang ?? 'en').toLowerCase();
  const id = [wanted, wanted.split(/[-_]/)[0]!].find((l) => l in SIMULATOR_LANGUAGES) ?? 'en';
  return { lang: id, messages: SIMULATOR_LANGUAGES[id]! };
}
