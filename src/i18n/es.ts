/** Español. */
import type { OzMessages } from './index.js';

const es: OzMessages = {
  'browsers.supported': 'una versión actualizada de Chrome, Edge, Firefox, Safari o Samsung Internet',

  'check.start': 'Verificar su identidad',
  'check.retry': 'Intentar de nuevo',
  'check.state.idle': 'Sin iniciar',
  'check.state.loading': 'Preparando…',
  'check.state.ready': 'Listo para empezar',
  'check.state.starting': 'Iniciando la cámara…',
  'check.state.capturing': 'Siga las instrucciones en pantalla',
  'check.state.uploading': 'Enviando su video…',
  'check.state.analysing': 'Revisando su video…',
  'check.state.done': 'Finalizado',
  'check.state.error': 'Algo salió mal',
  'check.outcome.accept': 'Identidad verificada',
  'check.outcome.reject': 'No pudimos verificar su identidad',
  'check.outcome.failed': 'No se pudo completar la verificación',

  'handoff.start': 'Usar su teléfono',
  'handoff.scan': 'Escanee este código con la cámara de su teléfono o abra este enlace en su teléfono:',
  'handoff.qr': 'Código que abre el enlace en su teléfono',
  'handoff.timeLeft': 'Tiempo restante: {time}',
  'handoff.state.waiting': 'Esperando a su teléfono…',
  'handoff.state.opened': 'El enlace está abierto en su teléfono.',
  'handoff.state.capturing': 'Continúe en su teléfono.',
  'handoff.state.uploading': 'Su teléfono está enviando su video…',
  'handoff.state.done': 'Terminado en su teléfono.',
  'handoff.state.expired': 'Este código ha caducado.',
  'handoff.state.cancelled': 'Cancelado.',
  'handoff.cancel': 'Cancelar',
  'handoff.newCode': 'Obtener un código nuevo',
  'handoff.phone.done': 'Ya puede volver a su computadora.',

  'banner.title.accept': 'Identidad verificada',
  'banner.title.reject': 'No pudimos verificar su identidad',
  'banner.title.failed': 'No se pudo completar la verificación',
  'banner.message.accept': 'Gracias, hemos confirmado que es usted. Ya puede continuar.',
  'banner.message.reject':
    'Su video no fue aprobado. Asegúrese de que su cara esté bien iluminada y completamente visible, sostenga la cámara a la altura de los ojos y vuelva a intentarlo.',
  'banner.message.failed': 'Un problema técnico detuvo la verificación antes de terminar. Vuelva a intentarlo.',
  'banner.message.failed.contact':
    'Un problema técnico detuvo la verificación antes de terminar. Vuelva a intentarlo. Si ocurre de nuevo, póngase en contacto con nosotros: {contact}',
  'banner.reference': 'Referencia para soporte:',
  'banner.reference.ozCode': 'Código del servicio {id}',
  'banner.reference.request': 'Solicitud {id}',
  'banner.reference.session': 'Sesión {id}',
  'banner.reference.check': 'Verificación {id}',
  'banner.reference.copy': 'Copiar',
  'banner.reference.copied': 'Copiado',
  'banner.reference.details': 'Detalles para soporte',
  'banner.bestShot': 'Foto tomada de su video',

  'analysis.QUALITY': 'Presencia real',
  'analysis.BIOMETRY': 'Coincidencia facial',
  'analysis.DOCUMENTS': 'Documento',
  'analysis.accept': 'Aprobado',
  'analysis.reject': 'Rechazado',
  'analysis.failed': 'No completado',

  'error.title.camera': 'Cámara no disponible',
  'error.title.network': 'Problema de conexión',
  'error.title.check': 'Verificación interrumpida',
  'error.title.browser': 'Este navegador no es compatible',
  'error.title.device': 'Memoria insuficiente',

  'error.invalid-config':
    'La verificación no está disponible en esta página en este momento. Vuelva a intentarlo más tarde.',
  'error.invalid-config.contact':
    'La verificación no está disponible en esta página en este momento. Póngase en contacto con nosotros: {contact}',
  'error.plugin-load-failed':
    'No se pudo cargar la verificación. Compruebe su conexión a internet y vuelva a intentarlo.',
  'error.plugin-missing': 'La verificación no pudo iniciarse en esta página. Vuelva a intentarlo más tarde.',
  'error.plugin-missing.contact':
    'La verificación no pudo iniciarse en esta página. Vuelva a intentarlo más tarde. Si ocurre de nuevo, póngase en contacto con nosotros: {contact}',
  'error.plugin-busy': 'La verificación ya está abierta en esta página. Termínela o ciérrela y vuelva a intentarlo.',
  'error.session-token-failed':
    'No se pudo iniciar la verificación. Compruebe su conexión a internet y vuelva a intentarlo.',
  'error.session-token-failed.config':
    'La verificación no puede iniciarse por un problema de nuestra parte, no de su dispositivo ni de su conexión. Vuelva a intentarlo más tarde.',
  'error.session-token-failed.config.contact':
    'La verificación no puede iniciarse por un problema de nuestra parte, no de su dispositivo ni de su conexión. Póngase en contacto con nosotros: {contact}',
  'error.upload-failed': 'No se pudo enviar su video. Compruebe su conexión a internet y vuelva a intentarlo.',
  'error.upload-failed.config':
    'No se pudo enviar su video por un problema de nuestra parte, no de su dispositivo ni de su conexión. Vuelva a intentarlo más tarde.',
  'error.upload-failed.config.contact':
    'No se pudo enviar su video por un problema de nuestra parte, no de su dispositivo ni de su conexión. Póngase en contacto con nosotros: {contact}',
  'error.upload-timeout':
    'El envío de su video tardó demasiado. Compruebe su conexión a internet y vuelva a intentarlo.',
  'error.container-rejected': 'No se pudo procesar su video. Grábelo de nuevo.',
  'error.container-rejected.3': 'Su video llegó incompleto. Grábelo de nuevo.',
  'error.container-rejected.4': 'Su video llegó vacío. Grábelo de nuevo.',
  'error.container-rejected.5': 'Su video llegó dañado. Grábelo de nuevo.',
  'error.container-rejected.13': 'Su video no llegó. Grábelo de nuevo.',
  'error.container-rejected.14': 'No se pudo confirmar su video; es posible que haya caducado. Grábelo de nuevo.',
  'error.backend-response-invalid': 'No se pudo leer el resultado. Vuelva a intentarlo más tarde.',
  'error.backend-response-invalid.contact':
    'No se pudo leer el resultado. Vuelva a intentarlo más tarde. Si ocurre de nuevo, póngase en contacto con nosotros: {contact}',
  'error.error_wasm_internal_failure_1':
    'Este navegador no puede realizar la verificación. Utilice {browsers}, u otro dispositivo.',
  'error.error_wasm_internal_failure_2':
    'Su dispositivo se quedó sin memoria. Cierre otras aplicaciones y pestañas del navegador y vuelva a intentarlo.',
  'error.error_wasm_internal_failure_3': 'No se pudo preparar su video. Vuelva a intentarlo.',
  'error.error_wasm_internal_failure_4': 'No se pudo preparar su video. Vuelva a intentarlo.',
  'error.error_wasm_internal_failure_5': 'No se pudo preparar su video. Vuelva a intentarlo.',
  'error.error_wasm_internal_failure_1000': 'No se pudo preparar su video. Vuelva a intentarlo.',
  'error.plugin': 'La verificación se detuvo de forma inesperada. Vuelva a intentarlo.',
  'error.insecure-context':
    'No se puede usar la cámara en esta página porque su conexión no es segura. Vuelva a intentarlo más tarde.',
  'error.insecure-context.contact':
    'No se puede usar la cámara en esta página porque su conexión no es segura. Póngase en contacto con nosotros: {contact}',
  'error.camera-unsupported': 'Este navegador no puede usar una cámara. Utilice {browsers}.',
  'error.camera-unsupported.policy':
    'Esta página no tiene permiso para usar la cámara, así que la verificación no puede iniciarse aquí. Vuelva a intentarlo más tarde.',
  'error.camera-unsupported.policy.contact':
    'Esta página no tiene permiso para usar la cámara, así que la verificación no puede iniciarse aquí. Póngase en contacto con nosotros: {contact}',
  'error.camera-denied':
    'La cámara está bloqueada para este sitio web. Permita la cámara en la configuración de su navegador para este sitio:',
  'error.camera-denied.chrome': 'La cámara está bloqueada para este sitio web. Para permitirla en Chrome:',
  'error.camera-denied.edge': 'La cámara está bloqueada para este sitio web. Para permitirla en Microsoft Edge:',
  'error.camera-denied.firefox': 'La cámara está bloqueada para este sitio web. Para permitirla en Firefox:',
  'error.camera-denied.safari': 'La cámara está bloqueada para este sitio web. Para permitirla en Safari:',
  'error.camera-denied.safari-ios':
    'La cámara está bloqueada para este sitio web. Para permitirla en Safari en un iPhone o iPad:',
  'error.camera-denied.safari-mac':
    'La cámara está bloqueada para este sitio web. Para permitirla en Safari en un Mac:',
  'error.camera-denied.samsung': 'La cámara está bloqueada para este sitio web. Para permitirla en Samsung Internet:',
  'error.wasm-unsupported': 'Este navegador no puede realizar la verificación. Utilice {browsers}, u otro dispositivo.',
  'error.handoff-failed':
    'No se pudo preparar el enlace para su teléfono. Compruebe su conexión a internet y vuelva a intentarlo.',
  'error.handoff-expired':
    'Se acabó el tiempo para continuar en su teléfono. Obtenga un código nuevo en su computadora.',
  'error.handoff-used': 'Este enlace ya se abrió en otro dispositivo. Obtenga un código nuevo en su computadora.',

  'steps.camera-denied':
    'Abra la configuración de su navegador para este sitio web.\nPermita la cámara.\nRegrese a esta página y seleccione «Intentar de nuevo».',
  'steps.camera-denied.chrome':
    'Seleccione el icono a la izquierda de la dirección web.\nActive Cámara o elija Permitir.\nSeleccione «Intentar de nuevo».',
  'steps.camera-denied.edge':
    'Seleccione el candado a la izquierda de la dirección web.\nSeleccione Permisos para este sitio.\nEn Cámara, elija Permitir.\nSeleccione «Intentar de nuevo».',
  'steps.camera-denied.firefox':
    'Seleccione el icono de la cámara tachada en la barra de direcciones.\nQuite el bloqueo junto a Cámara.\nSeleccione «Intentar de nuevo» y permita la cámara cuando se le pida.',
  'steps.camera-denied.safari':
    'En un iPhone o iPad, toque «aA» en la barra de direcciones y luego Configuración del sitio web; en un Mac, elija Safari > Ajustes de este sitio web.\nEn Cámara, elija Permitir.\nSeleccione «Intentar de nuevo».',
  'steps.camera-denied.safari-ios':
    'Toque «aA» en la barra de direcciones.\nToque Configuración del sitio web.\nEn Cámara, elija Permitir y toque OK.\nToque «Intentar de nuevo».',
  'steps.camera-denied.safari-mac':
    'En la barra de menús, elija Safari > Ajustes de este sitio web.\nEn Cámara, elija Permitir.\nSeleccione «Intentar de nuevo».',
  'steps.camera-denied.samsung':
    'Toque el candado a la izquierda de la dirección web.\nToque Permisos.\nActive Cámara.\nToque «Intentar de nuevo».',
};

export default es;
