// The softphone's browser side: speech synthesis for prompts, the microphone as a 16-bit PCM WAV.
let recorder = null;

export function speak(text, lang, seconds) {
    return new Promise(resolve => {
        // Some browsers (and headless ones) have no voices and never fire 'end': give up after the spoken length.
        const fallback = setTimeout(resolve, (seconds * 1000) + 1500);
        const done = () => { clearTimeout(fallback); resolve(); };
        if (!('speechSynthesis' in window)) { return; }
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = lang || 'en-US';
        utterance.onend = done;
        utterance.onerror = done;
        window.speechSynthesis.speak(utterance);
    });
}

export function cancelSpeech() {
    if ('speechSynthesis' in window) { window.speechSynthesis.cancel(); }
}

export async function startRecording(playBeep) {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    let context;
    try { context = new AudioContext({ sampleRate: 16000 }); } catch { context = new AudioContext(); }
    if (playBeep) { beep(context); }
    const source = context.createMediaStreamSource(stream);
    // ScriptProcessorNode is old but everywhere, and needs no separate worklet file.
    const processor = context.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    processor.onaudioprocess = e => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
    source.connect(processor);
    processor.connect(context.destination);
    recorder = { stream, context, source, processor, chunks };
    return true;
}

export async function stopRecording() {
    if (!recorder) { return null; }
    const { stream, context, source, processor, chunks } = recorder;
    recorder = null;
    processor.disconnect();
    source.disconnect();
    stream.getTracks().forEach(t => t.stop());
    const rate = context.sampleRate;
    await context.close();
    // A typed array: Blazor streams it to .NET as the IJSStreamReference the caller asked for.
    return encodeWav(chunks, rate);
}

export function stopEverything() {
    cancelSpeech();
    if (recorder) { stopRecording(); }
}

function beep(context) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 1000;
    oscillator.connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.25);
}

function encodeWav(chunks, rate) {
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const buffer = new ArrayBuffer(44 + (length * 2));
    const view = new DataView(buffer);
    const text = (offset, s) => { for (let i = 0; i < s.length; i++) { view.setUint8(offset + i, s.charCodeAt(i)); } };
    text(0, 'RIFF'); view.setUint32(4, 36 + (length * 2), true); text(8, 'WAVEfmt ');
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, 'data'); view.setUint32(40, length * 2, true);
    let offset = 44;
    for (const chunk of chunks) {
        for (let i = 0; i < chunk.length; i++, offset += 2) {
            const s = Math.max(-1, Math.min(1, chunk[i]));
            view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7FFF, true);
        }
    }
    return new Uint8Array(buffer);
}
