/** The way back from a page opened from the timeline (app.tsx sends Esc the same way). */
export function BackToTimeline() {
  return (
    <a href="#/timeline" class="back" title="Back to the timeline (Esc)">
      ← Timeline
    </a>
  );
}
