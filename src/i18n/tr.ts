/** Türkçe. */
import type { OzMessages } from './index.js';

const tr: OzMessages = {
  'browsers.supported': 'Chrome, Edge, Firefox, Safari veya Samsung Internet’in güncel bir sürümünü',

  'check.start': 'Kimliğinizi doğrulayın',
  'check.retry': 'Tekrar deneyin',
  'check.state.idle': 'Başlatılmadı',
  'check.state.loading': 'Hazırlanıyor…',
  'check.state.ready': 'Başlamaya hazır',
  'check.state.starting': 'Kamera açılıyor…',
  'check.state.capturing': 'Ekrandaki talimatları izleyin',
  'check.state.uploading': 'Videonuz gönderiliyor…',
  'check.state.analysing': 'Videonuz inceleniyor…',
  'check.state.done': 'Bitti',
  'check.state.error': 'Bir sorun oluştu',
  'check.outcome.accept': 'Kimliğiniz doğrulandı',
  'check.outcome.reject': 'Kimliğiniz doğrulanamadı',
  'check.outcome.failed': 'Doğrulama tamamlanamadı',

  'handoff.start': 'Bunun yerine telefonunuzu kullanın',
  'handoff.scan': 'Bu kodu telefonunuzun kamerasıyla tarayın veya bu bağlantıyı telefonunuzda açın:',
  'handoff.qr': 'Bağlantıyı telefonunuzda açan kod',
  'handoff.timeLeft': 'Kalan süre: {time}',
  'handoff.state.waiting': 'Telefonunuz bekleniyor…',
  'handoff.state.opened': 'Bağlantı telefonunuzda açıldı.',
  'handoff.state.capturing': 'Telefonunuzda devam edin.',
  'handoff.state.uploading': 'Telefonunuz videonuzu gönderiyor…',
  'handoff.state.done': 'Telefonunuzda tamamlandı.',
  'handoff.state.expired': 'Bu kodun süresi doldu.',
  'handoff.state.cancelled': 'İptal edildi.',
  'handoff.cancel': 'İptal',
  'handoff.newCode': 'Yeni kod alın',
  'handoff.phone.done': 'Artık bilgisayarınıza dönebilirsiniz.',

  'banner.title.accept': 'Kimliğiniz doğrulandı',
  'banner.title.reject': 'Kimliğiniz doğrulanamadı',
  'banner.title.failed': 'Doğrulama tamamlanamadı',
  'banner.message.accept': 'Teşekkür ederiz, sizin olduğunuzu doğruladık. Devam edebilirsiniz.',
  'banner.message.reject':
    'Videonuz onaylanmadı. Yüzünüzün iyi aydınlatıldığından ve tamamen göründüğünden emin olun, kamerayı göz hizasında tutun ve tekrar deneyin.',
  'banner.message.failed': 'Teknik bir sorun doğrulamayı tamamlanmadan durdurdu. Lütfen tekrar deneyin.',
  'banner.message.failed.contact':
    'Teknik bir sorun doğrulamayı tamamlanmadan durdurdu. Lütfen tekrar deneyin. Sorun yinelenirse bizimle iletişime geçin: {contact}',
  'banner.reference': 'Destek için referans:',
  'banner.reference.ozCode': 'Hizmet kodu {id}',
  'banner.reference.request': 'İstek {id}',
  'banner.reference.session': 'Oturum {id}',
  'banner.reference.check': 'Doğrulama {id}',
  'banner.reference.copy': 'Kopyala',
  'banner.reference.copied': 'Kopyalandı',
  'banner.reference.details': 'Destek için ayrıntılar',
  'banner.bestShot': 'Videonuzdan alınan fotoğraf',

  'analysis.QUALITY': 'Gerçek kişi',
  'analysis.BIOMETRY': 'Yüz eşleşmesi',
  'analysis.DOCUMENTS': 'Belge',
  'analysis.accept': 'Geçti',
  'analysis.reject': 'Reddedildi',
  'analysis.failed': 'Tamamlanmadı',

  'error.title.camera': 'Kamera kullanılamıyor',
  'error.title.network': 'Bağlantı sorunu',
  'error.title.check': 'Doğrulama yarıda kaldı',
  'error.title.browser': 'Bu tarayıcı desteklenmiyor',
  'error.title.device': 'Bellek yetersiz',

  'error.invalid-config': 'Doğrulama şu anda bu sayfada kullanılamıyor. Lütfen daha sonra tekrar deneyin.',
  'error.invalid-config.contact':
    'Doğrulama şu anda bu sayfada kullanılamıyor. Lütfen bizimle iletişime geçin: {contact}',
  'error.plugin-load-failed': 'Doğrulama yüklenemedi. İnternet bağlantınızı denetleyip tekrar deneyin.',
  'error.plugin-missing': 'Doğrulama bu sayfada başlatılamadı. Lütfen daha sonra tekrar deneyin.',
  'error.plugin-missing.contact':
    'Doğrulama bu sayfada başlatılamadı. Lütfen daha sonra tekrar deneyin. Sorun yinelenirse bizimle iletişime geçin: {contact}',
  'error.plugin-busy': 'Doğrulama bu sayfada zaten açık. Onu tamamlayın veya kapatın, ardından tekrar deneyin.',
  'error.session-token-failed': 'Doğrulama başlatılamadı. İnternet bağlantınızı denetleyip tekrar deneyin.',
  'error.session-token-failed.config':
    'Doğrulama, cihazınızdaki veya bağlantınızdaki değil, bizim tarafımızdaki bir sorun nedeniyle başlatılamıyor. Lütfen daha sonra tekrar deneyin.',
  'error.session-token-failed.config.contact':
    'Doğrulama, cihazınızdaki veya bağlantınızdaki değil, bizim tarafımızdaki bir sorun nedeniyle başlatılamıyor. Lütfen bizimle iletişime geçin: {contact}',
  'error.upload-failed': 'Videonuz gönderilemedi. İnternet bağlantınızı denetleyip tekrar deneyin.',
  'error.upload-failed.config':
    'Videonuz, cihazınızdaki veya bağlantınızdaki değil, bizim tarafımızdaki bir sorun nedeniyle gönderilemedi. Lütfen daha sonra tekrar deneyin.',
  'error.upload-failed.config.contact':
    'Videonuz, cihazınızdaki veya bağlantınızdaki değil, bizim tarafımızdaki bir sorun nedeniyle gönderilemedi. Lütfen bizimle iletişime geçin: {contact}',
  'error.upload-timeout': 'Videonuzun gönderilmesi çok uzun sürdü. İnternet bağlantınızı denetleyip tekrar deneyin.',
  'error.container-rejected': 'Videonuz işlenemedi. Lütfen yeniden kaydedin.',
  'error.container-rejected.3': 'Videonuz eksik ulaştı. Lütfen yeniden kaydedin.',
  'error.container-rejected.4': 'Videonuz boş ulaştı. Lütfen yeniden kaydedin.',
  'error.container-rejected.5': 'Videonuz hasarlı ulaştı. Lütfen yeniden kaydedin.',
  'error.container-rejected.13': 'Videonuz ulaşmadı. Lütfen yeniden kaydedin.',
  'error.container-rejected.14': 'Videonuz onaylanamadı; süresi dolmuş olabilir. Lütfen yeniden kaydedin.',
  'error.backend-response-invalid': 'Sonuç okunamadı. Lütfen daha sonra tekrar deneyin.',
  'error.backend-response-invalid.contact':
    'Sonuç okunamadı. Lütfen daha sonra tekrar deneyin. Sorun yinelenirse bizimle iletişime geçin: {contact}',
  'error.error_wasm_internal_failure_1':
    'Bu tarayıcı doğrulamayı çalıştıramıyor. Lütfen {browsers} ya da başka bir cihaz kullanın.',
  'error.error_wasm_internal_failure_2':
    'Cihazınızın belleği doldu. Diğer uygulamaları ve tarayıcı sekmelerini kapatıp tekrar deneyin.',
  'error.error_wasm_internal_failure_3': 'Videonuz hazırlanamadı. Lütfen tekrar deneyin.',
  'error.error_wasm_internal_failure_4': 'Videonuz hazırlanamadı. Lütfen tekrar deneyin.',
  'error.error_wasm_internal_failure_5': 'Videonuz hazırlanamadı. Lütfen tekrar deneyin.',
  'error.error_wasm_internal_failure_1000': 'Videonuz hazırlanamadı. Lütfen tekrar deneyin.',
  'error.plugin': 'Doğrulama beklenmedik şekilde durdu. Lütfen tekrar deneyin.',
  'error.insecure-context':
    'Bağlantı güvenli olmadığı için bu sayfada kamera kullanılamıyor. Lütfen daha sonra tekrar deneyin.',
  'error.insecure-context.contact':
    'Bağlantı güvenli olmadığı için bu sayfada kamera kullanılamıyor. Lütfen bizimle iletişime geçin: {contact}',
  'error.camera-unsupported': 'Bu tarayıcı kamera kullanamıyor. Lütfen {browsers} kullanın.',
  'error.camera-unsupported.policy':
    'Bu sayfanın kamerayı kullanma izni yok, bu yüzden doğrulama burada başlatılamıyor. Lütfen daha sonra tekrar deneyin.',
  'error.camera-unsupported.policy.contact':
    'Bu sayfanın kamerayı kullanma izni yok, bu yüzden doğrulama burada başlatılamıyor. Lütfen bizimle iletişime geçin: {contact}',
  'error.camera-denied':
    'Kamera bu web sitesi için engellenmiş. Tarayıcınızın bu siteye ait ayarlarından kameraya izin verin:',
  'error.camera-denied.chrome': 'Kamera bu web sitesi için engellenmiş. Chrome’da izin vermek için:',
  'error.camera-denied.edge': 'Kamera bu web sitesi için engellenmiş. Microsoft Edge’de izin vermek için:',
  'error.camera-denied.firefox': 'Kamera bu web sitesi için engellenmiş. Firefox’ta izin vermek için:',
  'error.camera-denied.safari': 'Kamera bu web sitesi için engellenmiş. Safari’de izin vermek için:',
  'error.camera-denied.safari-ios':
    'Kamera bu web sitesi için engellenmiş. iPhone veya iPad’de Safari’de izin vermek için:',
  'error.camera-denied.safari-mac': 'Kamera bu web sitesi için engellenmiş. Mac’te Safari’de izin vermek için:',
  'error.camera-denied.samsung': 'Kamera bu web sitesi için engellenmiş. Samsung Internet’te izin vermek için:',
  'error.wasm-unsupported': 'Bu tarayıcı doğrulamayı çalıştıramıyor. Lütfen {browsers} ya da başka bir cihaz kullanın.',
  'error.handoff-failed': 'Telefonunuz için bağlantı hazırlanamadı. İnternet bağlantınızı denetleyip tekrar deneyin.',
  'error.handoff-expired': 'Telefonunuzda devam etme süresi doldu. Lütfen bilgisayarınızda yeni bir kod alın.',
  'error.handoff-used': 'Bu bağlantı başka bir cihazda zaten açıldı. Lütfen bilgisayarınızda yeni bir kod alın.',

  'steps.camera-denied':
    'Tarayıcınızın bu web sitesine ait ayarlarını açın.\nKameraya izin verin.\nBu sayfaya dönüp “Tekrar deneyin” düğmesini seçin.',
  'steps.camera-denied.chrome':
    'Web adresinin solundaki simgeyi seçin.\nKamera’yı açın veya İzin ver olarak ayarlayın.\n“Tekrar deneyin” düğmesini seçin.',
  'steps.camera-denied.edge':
    'Web adresinin solundaki kilit simgesini seçin.\nBu site için izinler’i seçin.\nKamera’yı İzin ver olarak ayarlayın.\n“Tekrar deneyin” düğmesini seçin.',
  'steps.camera-denied.firefox':
    'Adres çubuğundaki üzeri çizili kamera simgesini seçin.\nKamera’nın yanındaki engeli kaldırın.\n“Tekrar deneyin” düğmesini seçin ve sorulduğunda kameraya izin verin.',
  'steps.camera-denied.safari':
    'iPhone veya iPad’de adres çubuğundaki “aA” simgesine, ardından Web Sitesi Ayarları’na dokunun; Mac’te Safari > Bu Web Sitesi İçin Ayarlar’ı seçin.\nKamera’yı İzin Ver olarak ayarlayın.\n“Tekrar deneyin” düğmesini seçin.',
  'steps.camera-denied.safari-ios':
    'Adres çubuğundaki “aA” simgesine dokunun.\nWeb Sitesi Ayarları’na dokunun.\nKamera’yı İzin Ver olarak ayarlayıp Bitti’ye dokunun.\n“Tekrar deneyin” düğmesine dokunun.',
  'steps.camera-denied.safari-mac':
    'Menü çubuğunda Safari > Bu Web Sitesi İçin Ayarlar’ı seçin.\nKamera’yı İzin Ver olarak ayarlayın.\n“Tekrar deneyin” düğmesini seçin.',
  'steps.camera-denied.samsung':
    'Web adresinin solundaki kilit simgesine dokunun.\nİzinler’e dokunun.\nKamera’yı açın.\n“Tekrar deneyin” düğmesine dokunun.',
};

export default tr;
