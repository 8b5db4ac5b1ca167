import { Button, Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import type { CertificateVerification } from '@union/shared';
import { useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { verifyCertificate } from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { formatDate } from '../../utils/datetime';
import { textParam } from '../../utils/params';
import '../contests.css';

const INVALID = '证书无效或成绩未公布';

type Outcome =
  | { state: 'checking' }
  | { state: 'valid'; certificate: CertificateVerification }
  | { state: 'invalid' }
  | { state: 'failed'; message: string };

/**
 * Where a certificate's QR lands (the BFF's /c/<code> link opens it in any browser): no sign-in,
 * says whether the certificate matches the published result. Only the masked name is shown.
 */
export default function CertificateVerifyPage() {
  const { params } = useRouter();
  const code = textParam(params.code).trim();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'checking' });

  const check = () => {
    if (!code) return setOutcome({ state: 'invalid' });
    setOutcome({ state: 'checking' });
    verifyCertificate(code)
      .then((certificate) => setOutcome({ state: 'valid', certificate }))
      .catch((e: unknown) =>
        // Not found and a malformed code both mean the same to whoever scanned it.
        setOutcome(
          e instanceof ApiError && (e.status === 404 || e.status === 400 || e.status === 422)
            ? { state: 'invalid' }
            : { state: 'failed', message: errorMessage(e) },
        ),
      );
  };
  useLoad(check);

  return (
    <MemberPage testId="certificate-verify-page">
      {outcome.state === 'checking' ? <Text className="muted">正在验证…</Text> : null}
      {outcome.state === 'valid' ? (
        <View className="panel verify-result verify-result--valid" data-testid="verify-valid">
          <Text className="verify-result__title">证书有效</Text>
          <View className="contest-lines">
            <Text data-testid="verify-contest">{outcome.certificate.contestTitle}</Text>
            <Text className="muted">{outcome.certificate.unionName}</Text>
            <Text>{`组别：${outcome.certificate.groupName}`}</Text>
            <Text data-testid="verify-award">{`奖项：${outcome.certificate.award}`}</Text>
            <Text data-testid="verify-holder">{`获奖者：${outcome.certificate.holderName}`}</Text>
            <Text className="muted">{`成绩公布于 ${formatDate(outcome.certificate.publishedAt)}`}</Text>
          </View>
        </View>
      ) : null}
      {outcome.state === 'invalid' ? (
        <View className="panel verify-result verify-result--invalid" data-testid="verify-invalid">
          <Text className="verify-result__title">{INVALID}</Text>
          <Text className="muted">请核对证书来源，或向颁发证书的工会咨询。</Text>
        </View>
      ) : null}
      {outcome.state === 'failed' ? (
        <View className="notice notice--error" data-testid="verify-failed">
          <Text>{outcome.message}</Text>
          <Button className="btn btn--small" onClick={check}>
            重试
          </Button>
        </View>
      ) : null}
    </MemberPage>
  );
}
