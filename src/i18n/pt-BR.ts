/** Português (Brasil). */
import type { OzMessages } from './index.js';

const ptBR: OzMessages = {
  'browsers.supported': 'uma versão atualizada do Chrome, Edge, Firefox, Safari ou Samsung Internet',

  'check.start': 'Confirmar sua identidade',
  'check.retry': 'Tentar novamente',
  'check.state.idle': 'Não iniciado',
  'check.state.loading': 'Preparando…',
  'check.state.ready': 'Pronto para começar',
  'check.state.starting': 'Iniciando a câmera…',
  'check.state.capturing': 'Siga as instruções na tela',
  'check.state.uploading': 'Enviando seu vídeo…',
  'check.state.analysing': 'Analisando seu vídeo…',
  'check.state.done': 'Concluído',
  'check.state.error': 'Algo deu errado',
  'check.outcome.accept': 'Identidade confirmada',
  'check.outcome.reject': 'Não foi possível confirmar sua identidade',
  'check.outcome.failed': 'Não foi possível concluir a confirmação',

  'handoff.start': 'Usar seu celular',
  'handoff.scan': 'Escaneie este código com a câmera do seu celular ou abra este link no seu celular:',
  'handoff.qr': 'Código que abre o link no seu celular',
  'handoff.timeLeft': 'Tempo restante: {time}',
  'handoff.state.waiting': 'Aguardando seu celular…',
  'handoff.state.opened': 'O link está aberto no seu celular.',
  'handoff.state.capturing': 'Continue no seu celular.',
  'handoff.state.uploading': 'Seu celular está enviando seu vídeo…',
  'handoff.state.done': 'Concluído no seu celular.',
  'handoff.state.expired': 'Este código expirou.',
  'handoff.state.cancelled': 'Cancelado.',
  'handoff.cancel': 'Cancelar',
  'handoff.newCode': 'Gerar um novo código',
  'handoff.phone.done': 'Agora você pode voltar ao computador.',

  'banner.title.accept': 'Identidade confirmada',
  'banner.title.reject': 'Não foi possível confirmar sua identidade',
  'banner.title.failed': 'Não foi possível concluir a confirmação',
  'banner.message.accept': 'Obrigado, confirmamos que é você. Você já pode continuar.',
  'banner.message.reject':
    'Seu vídeo não foi aprovado. Verifique se seu rosto está bem iluminado e totalmente visível, segure a câmera na altura dos olhos e tente novamente.',
  'banner.message.failed': 'Um problema técnico interrompeu a confirmação antes do fim. Tente novamente.',
  'banner.message.failed.contact':
    'Um problema técnico interrompeu a confirmação antes do fim. Tente novamente. Se acontecer de novo, fale conosco: {contact}',
  'banner.reference': 'Referência para o suporte:',
  'banner.reference.ozCode': 'Código do serviço {id}',
  'banner.reference.request': 'Solicitação {id}',
  'banner.reference.session': 'Sessão {id}',
  'banner.reference.check': 'Confirmação {id}',
  'banner.reference.copy': 'Copiar',
  'banner.reference.copied': 'Copiado',
  'banner.reference.details': 'Detalhes para o suporte',
  'banner.bestShot': 'Foto tirada do seu vídeo',

  'analysis.QUALITY': 'Presença real',
  'analysis.BIOMETRY': 'Correspondência facial',
  'analysis.DOCUMENTS': 'Documento',
  'analysis.accept': 'Aprovado',
  'analysis.reject': 'Recusado',
  'analysis.failed': 'Não concluído',

  'error.title.camera': 'Câmera indisponível',
  'error.title.network': 'Problema de conexão',
  'error.title.check': 'Confirmação interrompida',
  'error.title.browser': 'Este navegador não é compatível',
  'error.title.device': 'Memória insuficiente',

  'error.invalid-config': 'A confirmação não está disponível nesta página no momento. Tente novamente mais tarde.',
  'error.invalid-config.contact': 'A confirmação não está disponível nesta página no momento. Fale conosco: {contact}',
  'error.plugin-load-failed':
    'Não foi possível carregar a confirmação. Verifique sua conexão com a internet e tente novamente.',
  'error.plugin-missing': 'Não foi possível iniciar a confirmação nesta página. Tente novamente mais tarde.',
  'error.plugin-missing.contact':
    'Não foi possível iniciar a confirmação nesta página. Tente novamente mais tarde. Se acontecer de novo, fale conosco: {contact}',
  'error.plugin-busy': 'A confirmação já está aberta nesta página. Conclua ou feche-a e tente novamente.',
  'error.session-token-failed':
    'Não foi possível iniciar a confirmação. Verifique sua conexão com a internet e tente novamente.',
  'error.session-token-failed.config':
    'A confirmação não pode começar por um problema do nosso lado, não no seu dispositivo nem na sua conexão. Tente novamente mais tarde.',
  'error.session-token-failed.config.contact':
    'A confirmação não pode começar por um problema do nosso lado, não no seu dispositivo nem na sua conexão. Fale conosco: {contact}',
  'error.upload-failed': 'Não foi possível enviar seu vídeo. Verifique sua conexão com a internet e tente novamente.',
  'error.upload-failed.config':
    'Não foi possível enviar seu vídeo por um problema do nosso lado, não no seu dispositivo nem na sua conexão. Tente novamente mais tarde.',
  'error.upload-failed.config.contact':
    'Não foi possível enviar seu vídeo por um problema do nosso lado, não no seu dispositivo nem na sua conexão. Fale conosco: {contact}',
  'error.upload-timeout':
    'O envio do seu vídeo demorou demais. Verifique sua conexão com a internet e tente novamente.',
  'error.container-rejected': 'Não foi possível processar seu vídeo. Grave-o novamente.',
  'error.container-rejected.3': 'Seu vídeo chegou incompleto. Grave-o novamente.',
  'error.container-rejected.4': 'Seu vídeo chegou vazio. Grave-o novamente.',
  'error.container-rejected.5': 'Seu vídeo chegou danificado. Grave-o novamente.',
  'error.container-rejected.13': 'Seu vídeo não chegou. Grave-o novamente.',
  'error.container-rejected.14': 'Não foi possível validar seu vídeo; talvez ele tenha expirado. Grave-o novamente.',
  'error.backend-response-invalid': 'Não foi possível ler o resultado. Tente novamente mais tarde.',
  'error.backend-response-invalid.contact':
    'Não foi possível ler o resultado. Tente novamente mais tarde. Se acontecer de novo, fale conosco: {contact}',
  'error.error_wasm_internal_failure_1':
    'Este navegador não consegue fazer a confirmação. Use {browsers}, ou outro dispositivo.',
  'error.error_wasm_internal_failure_2':
    'A memória do seu dispositivo acabou. Feche outros aplicativos e abas do navegador e tente novamente.',
  'error.error_wasm_internal_failure_3': 'Não foi possível preparar seu vídeo. Tente novamente.',
  'error.error_wasm_internal_failure_4': 'Não foi possível preparar seu vídeo. Tente novamente.',
  'error.error_wasm_internal_failure_5': 'Não foi possível preparar seu vídeo. Tente novamente.',
  'error.error_wasm_internal_failure_1000': 'Não foi possível preparar seu vídeo. Tente novamente.',
  'error.plugin': 'A confirmação parou inesperadamente. Tente novamente.',
  'error.insecure-context':
    'A câmera não pode ser usada nesta página porque a conexão não é segura. Tente novamente mais tarde.',
  'error.insecure-context.contact':
    'A câmera não pode ser usada nesta página porque a conexão não é segura. Fale conosco: {contact}',
  'error.camera-unsupported': 'Este navegador não consegue usar uma câmera. Use {browsers}.',
  'error.camera-unsupported.policy':
    'Esta página não tem permissão para usar a câmera, por isso a confirmação não pode começar aqui. Tente novamente mais tarde.',
  'error.camera-unsupported.policy.contact':
    'Esta página não tem permissão para usar a câmera, por isso a confirmação não pode começar aqui. Fale conosco: {contact}',
  'error.camera-denied':
    'A câmera está bloqueada para este site. Permita a câmera nas configurações do seu navegador para este site:',
  'error.camera-denied.chrome': 'A câmera está bloqueada para este site. Para permiti-la no Chrome:',
  'error.camera-denied.edge': 'A câmera está bloqueada para este site. Para permiti-la no Microsoft Edge:',
  'error.camera-denied.firefox': 'A câmera está bloqueada para este site. Para permiti-la no Firefox:',
  'error.camera-denied.safari': 'A câmera está bloqueada para este site. Para permiti-la no Safari:',
  'error.camera-denied.safari-ios':
    'A câmera está bloqueada para este site. Para permiti-la no Safari do iPhone ou iPad:',
  'error.camera-denied.safari-mac': 'A câmera está bloqueada para este site. Para permiti-la no Safari do Mac:',
  'error.camera-denied.samsung': 'A câmera está bloqueada para este site. Para permiti-la no Samsung Internet:',
  'error.wasm-unsupported': 'Este navegador não consegue fazer a confirmação. Use {browsers}, ou outro dispositivo.',
  'error.handoff-failed':
    'Não foi possível preparar o link para seu celular. Verifique sua conexão com a internet e tente novamente.',
  'error.handoff-expired': 'O tempo para continuar no celular acabou. Gere um novo código no computador.',
  'error.handoff-used': 'Este link já foi aberto em outro aparelho. Gere um novo código no computador.',

  'steps.camera-denied':
    'Abra as configurações do seu navegador para este site.\nPermita a câmera.\nVolte a esta página e selecione “Tentar novamente”.',
  'steps.camera-denied.chrome':
    'Selecione o ícone à esquerda do endereço do site.\nAtive Câmera ou escolha Permitir.\nSelecione “Tentar novamente”.',
  'steps.camera-denied.edge':
    'Selecione o cadeado à esquerda do endereço do site.\nSelecione Permissões para este site.\nEm Câmera, escolha Permitir.\nSelecione “Tentar novamente”.',
  'steps.camera-denied.firefox':
    'Selecione o ícone da câmera riscada na barra de endereços.\nRemova o bloqueio ao lado de Câmera.\nSelecione “Tentar novamente” e permita a câmera quando for perguntado.',
  'steps.camera-denied.safari':
    'No iPhone ou iPad, toque em “aA” na barra de endereços e depois em Ajustes do Site; no Mac, escolha Safari > Ajustes deste Site.\nEm Câmera, escolha Permitir.\nSelecione “Tentar novamente”.',
  'steps.camera-denied.safari-ios':
    'Toque em “aA” na barra de endereços.\nToque em Ajustes do Site.\nEm Câmera, escolha Permitir e toque em OK.\nToque em “Tentar novamente”.',
  'steps.camera-denied.safari-mac':
    'Na barra de menus, escolha Safari > Ajustes deste Site.\nEm Câmera, escolha Permitir.\nSelecione “Tentar novamente”.',
  'steps.camera-denied.samsung':
    'Toque no cadeado à esquerda do endereço do site.\nToque em Permissões.\nAtive Câmera.\nToque em “Tentar novamente”.',
};

export default ptBR;
