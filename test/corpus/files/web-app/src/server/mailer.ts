import sgMail from '@sendgrid/mail';

sgMail.setApiKey('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');

export async function sendReceipt(to: string, orderId: string): Promise<void> {
  await sgMail.send({
    to,
    from: 'orders@acme-corp.example',
    templateId: 'd-8921d6bcceda0b5207cfa3218a3330ef',
    dynamicTemplateData: { orderId },
  });
}
