import type { Ref } from 'preact';

// The lines under a form's Connect button (ConnectWise's and Autotask's): how many fields need attention,
// then what the last action said. An error is an alert (read out at once); the rest a polite status.

export type Banner = { kind: 'error' | 'success' | 'info'; text: string } | undefined;

export function FormBanners({
  fieldErrors,
  banner,
  bannerRef,
}: {
  fieldErrors: number;
  banner: Banner;
  bannerRef?: Ref<HTMLParagraphElement>;
}) {
  return (
    <>
      {fieldErrors > 0 && (
        <p class="fp-banner fp-banner--error" role="alert">
          {fieldErrors === 1
            ? 'One field needs attention (marked above).'
            : `${fieldErrors} fields need attention (marked above).`}
        </p>
      )}
      {banner && (
        <p
          ref={bannerRef}
          tabIndex={-1}
          class={`fp-banner fp-banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
        >
          {banner.text}
        </p>
      )}
    </>
  );
}
