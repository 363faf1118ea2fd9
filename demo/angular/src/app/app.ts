import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, signal, viewChild } from '@angular/core';
// Defines <oz-liveness-check> and <oz-result-banner>; safe on the server too (no DOM at import).
import 'oz-liveness-elements';
import type { OzErrorDetail, OzLivenessCheck, OzResultDetail } from 'oz-liveness-elements';

@Component({
  selector: 'app-root',
  // The two tags are custom elements, not Angular components.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  templateUrl: './app.html',
})
export class App {
  // Objects and arrays are bound as properties ([meta], [actions]), as they are.
  readonly meta = { transaction_id: 'angular-demo-1', channel: 'web' };
  readonly actions = ['video_selfie_smile'];
  readonly tokenUrl = '/api/liveness/session-token';
  readonly lang = signal('en');

  readonly result = signal<OzResultDetail | undefined>(undefined);
  readonly error = signal<OzErrorDetail | undefined>(undefined);
  readonly results = signal(0);

  private readonly check = viewChild.required<ElementRef<OzLivenessCheck>>('check');

  // $event is typed from HTMLElementEventMap: CustomEvent<OzResultDetail> for (oz-result).
  onResult(e: CustomEvent<OzResultDetail>): void {
    this.result.set(e.detail);
    this.error.set(undefined);
    this.results.update((n) => n + 1);
  }

  onError(e: CustomEvent<OzErrorDetail>): void {
    this.error.set(e.detail);
    this.result.set(undefined);
  }

  reset(): void {
    this.check().nativeElement.reset();
  }
}
