import { Button, Text, Textarea, View } from '@tarojs/components';
import { StationFeedbackRequestSchema } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../../../components/Chip';
import { ApiError, errorMessage } from '../../../../services/http';
import { giveFeedback } from '../../../../services/stations';
import { FEEDBACK_KIND_LABELS } from '../../../../strings/stations';
import { ensureSignedIn } from '../../../../utils/require-sign-in';

type Kind = keyof typeof FEEDBACK_KIND_LABELS;
const STARS = [1, 2, 3, 4, 5] as const;

/** A 1–5 star rating with a short comment, or a 微心愿 for the station keeper to act on. */
export function FeedbackForm({ stationId }: { stationId: string }) {
  const [kind, setKind] = useState<Kind>('feedback');
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError(null);
    // The BFF holds the same rules; checking first saves a round trip on a weak signal.
    if (kind === 'feedback' && rating === null) return setError('请选择 1-5 星');
    if (kind === 'wish' && !comment.trim()) return setError('请写下您的心愿');
    const parsed = StationFeedbackRequestSchema.safeParse({
      kind,
      rating: kind === 'feedback' ? rating : null,
      comment,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    if (!(await ensureSignedIn(kind === 'wish' ? '提交心愿' : '评价'))) return;
    setBusy(true);
    try {
      await giveFeedback(stationId, parsed.data);
      setSent(kind);
      setRating(null);
      setComment('');
    } catch (e) {
      setError(e instanceof ApiError && e.details[0] ? e.details[0].message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <View className="panel" data-testid="feedback-result">
        <Text className="panel__title">{sent === 'wish' ? '心愿已提交' : '感谢您的评价'}</Text>
        <Text className="muted">
          {sent === 'wish' ? '驿站管理员会尽快回复您的心愿。' : '您的评价将帮助驿站改进服务。'}
        </Text>
        <Button className="btn" onClick={() => setSent(null)} data-testid="feedback-again">
          继续评价或许愿
        </Button>
      </View>
    );
  }

  return (
    <View className="panel" data-testid="feedback-form">
      <Text className="panel__title">评价与微心愿</Text>
      <View className="feedback-kinds">
        {(Object.keys(FEEDBACK_KIND_LABELS) as Kind[]).map((option) => (
          <Chip
            key={option}
            on={kind === option}
            onClick={() => {
              setKind(option);
              setError(null);
            }}
            testId={`feedback-kind-${option}`}
          >
            {FEEDBACK_KIND_LABELS[option]}
          </Chip>
        ))}
      </View>
      {kind === 'feedback' ? (
        <View className="feedback-stars" data-testid="feedback-stars">
          {STARS.map((star) => (
            <Text
              key={star}
              className={`feedback-star ${rating !== null && star <= rating ? 'feedback-star--on' : ''}`}
              onClick={() => setRating(star)}
              data-testid={`feedback-star-${star}`}
              aria-label={`${star}星`}
            >
              ★
            </Text>
          ))}
        </View>
      ) : null}
      <Textarea
        className="text-area feedback-comment"
        value={comment}
        maxlength={200}
        placeholder={kind === 'wish' ? '希望驿站增加什么？如：夏天备些藿香正气水' : '说说您的感受（选填）'}
        onInput={(e) => setComment(e.detail.value)}
        data-testid="feedback-comment"
      />
      {error ? (
        <Text className="notice notice--error" data-testid="feedback-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="feedback-submit">
        {kind === 'wish' ? '提交心愿' : '提交评价'}
      </Button>
    </View>
  );
}
